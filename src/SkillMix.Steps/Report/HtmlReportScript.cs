namespace SkillMix.Steps.Report;

/// <summary>
/// The HTML report's script, inlined into the page between the index block and the texts block. It reads the index and
/// builds the table at once; a worker then decompresses the texts (prompts and replies) and hands out those of a sample
/// when it is opened. Every element is built with
/// createElement and textContent (never innerHTML), so text from models stays text. Only the first rows of a filtered
/// list are built, more on request, so a report of tens of thousands of gradings opens and filters quickly.
/// window.skillmixReport exposes readiness and the last filter's duration for the browser tests and the benchmark.
/// </summary>
internal static class HtmlReportScript
{
    public const string Source = """

        "use strict";
        const state = { ready: false, shown: 0, rendered: 0, lastFilterMs: 0 };
        window.skillmixReport = state;

        // The texts block (prompts and replies) is JSON, gzip-compressed, base64-encoded (one line, no breaks).
        function base64(text) {
          const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
          const value = new Uint8Array(128);
          for (let i = 0; i < 64; i++) value[alphabet.charCodeAt(i)] = i;
          let n = text.length;
          while (n > 0 && text.charCodeAt(n - 1) === 61) n--;
          const out = new Uint8Array(Math.floor(n * 3 / 4));
          let o = 0, i = 0;
          for (; i + 4 <= n; i += 4) {
            const v = value[text.charCodeAt(i)] << 18 | value[text.charCodeAt(i + 1)] << 12 | value[text.charCodeAt(i + 2)] << 6 | value[text.charCodeAt(i + 3)];
            out[o++] = v >> 16; out[o++] = v >> 8 & 255; out[o++] = v & 255;
          }
          if (n - i >= 2) {
            const v = value[text.charCodeAt(i)] << 18 | value[text.charCodeAt(i + 1)] << 12 | (n - i === 3 ? value[text.charCodeAt(i + 2)] << 6 : 0);
            out[o++] = v >> 16;
            if (n - i === 3) out[o++] = v >> 8 & 255;
          }
          return out;
        }

        // The prompts and replies live in a worker: it decodes, decompresses and parses them off the main thread, and
        // answers requests for the texts of the sample being opened, so the main thread never holds tens of MB of text.
        const workerBody = `
          let ready = null;
          let texts = null;
          onmessage = async e => {
            if (e.data.load !== undefined) {
              const t0 = performance.now();
              ready = (async () => {
                const stream = new Blob([base64(e.data.load)]).stream().pipeThrough(new DecompressionStream("gzip"));
                texts = JSON.parse(new TextDecoder().decode(await new Response(stream).arrayBuffer()));
              })();
              await ready;
              postMessage({ loaded: performance.now() - t0 });
            } else {
              await ready;
              postMessage({ id: e.data.id, texts: e.data.want.map(i => texts[i]) });
            }
          };`;
        const texts = { waiting: new Map(), next: 0 };
        texts.started = new Promise(resolve => { texts.start = resolve; });
        function startTexts() {
          const worker = new Worker(URL.createObjectURL(new Blob([base64.toString(), workerBody], { type: "text/javascript" })));
          worker.onmessage = e => {
            if (e.data.loaded !== undefined) {
              state.textsMs = e.data.loaded;
              state.textsReady = true;
              return;
            }
            const resolve = texts.waiting.get(e.data.id);
            texts.waiting.delete(e.data.id);
            state.pendingTexts = texts.waiting.size;
            resolve(e.data.texts);
          };
          worker.onerror = e => console.error("The report's prompts and replies could not be read: " + e.message);
          worker.postMessage({ load: document.getElementById("texts").textContent.trim() });
          texts.start(worker);
        }
        async function getTexts(want) {
          const worker = await texts.started;
          return new Promise(resolve => {
            const id = texts.next++;
            texts.waiting.set(id, resolve);
            state.pendingTexts = texts.waiting.size;
            worker.postMessage({ id, want });
          });
        }

        (() => {
          const t0 = performance.now();
          const D = JSON.parse(document.getElementById("data").textContent);
          state.timings = { start: t0, parse: performance.now() - t0 };
          const S = D.strings;
          const samples = D.samples;
          const PAGE = 100;
          const el = (tag, text, cls) => {
            const e = document.createElement(tag);
            if (text !== undefined && text !== null) e.textContent = String(text);
            if (cls) e.className = cls;
            return e;
          };
          const num = x => (x === null || x === undefined) ? "n/a" : x.toFixed(3);
          const row = (cells, header) => {
            const tr = el("tr");
            for (const c of cells) tr.append(c instanceof Node ? c : el(header ? "th" : "td", c));
            return tr;
          };
          const numCell = text => el("td", text, "num");
          const order = (list, name) => { const i = list.indexOf(name); return i < 0 ? list.length : i; };

          document.getElementById("title").textContent = D.title;
          document.getElementById("summary").textContent = D.summary;

          // The results table.
          const cells = D.cells.slice().sort((a, b) =>
            order(D.models, a.model) - order(D.models, b.model) || order(D.settings, a.setting) - order(D.settings, b.setting)
            || (a.grader < b.grader ? -1 : a.grader > b.grader ? 1 : 0) || a.k - b.k);
          const metric = m => `${num(m[0])} ±${num(m[1])} [${num(m[2])}, ${num(m[3])}]`;
          const results = el("table"); results.id = "results-table";
          results.append(row(["Model", "Grader", "Setting", "k", "n", "FM", "AS", "SF"], true));
          for (const c of cells) {
            results.append(row([el("td", c.model), el("td", c.grader), el("td", c.setting), numCell(c.k), numCell(c.n),
              numCell(metric(c.fm)), numCell(metric(c.as)), numCell(metric(c.sf))]));
          }
          document.getElementById("results").append(results);

          // The graders, in the order they first appear (the experiment's grader first).
          const graders = [];
          for (const s of samples) for (const g of s.g) if (!graders.includes(g.n)) graders.push(g.n);

          // The filters.
          const form = document.getElementById("filters");
          const distinct = pick => { const seen = new Set(); for (const s of samples) for (const v of pick(s)) seen.add(v); return [...seen]; };
          const byName = (a, b) => S[a].localeCompare(S[b]);
          const filters = [
            { id: "model", label: "Model", values: distinct(s => [s.m]).sort((a, b) => order(D.models, S[a]) - order(D.models, S[b])), name: v => S[v], test: (s, v) => s.m === v },
            { id: "setting", label: "Setting", values: distinct(s => [s.s]).sort((a, b) => order(D.settings, S[a]) - order(D.settings, S[b])), name: v => S[v], test: (s, v) => s.s === v },
            { id: "k", label: "k", values: distinct(s => [s.k]).sort((a, b) => a - b), name: v => String(v), test: (s, v) => s.k === v },
            { id: "skill", label: "Skill", values: distinct(s => s.sk).sort(byName), name: v => S[v], test: (s, v) => s.sk.includes(v) },
            { id: "topic", label: "Topic", values: distinct(s => [s.t]).sort(byName), name: v => S[v], test: (s, v) => s.t === v },
            { id: "outcome", label: "Outcome" + (graders.length > 1 ? ` (${S[graders[0]]})` : ""), values: distinct(s => s.o === undefined ? [] : [s.o]).sort((a, b) => a - b), name: v => D.outcomes[v], test: (s, v) => s.o === v },
          ];
          for (const f of filters) {
            const label = el("label", f.label);
            const select = el("select"); select.id = "filter-" + f.id; select.name = f.id;
            select.append(el("option", `all (${f.values.length})`));
            select.options[0].value = "";
            for (const v of f.values) { const o = el("option", f.name(v)); o.value = String(v); select.append(o); }
            select.addEventListener("change", apply);
            label.append(select);
            form.append(label);
            f.select = select;
          }
          let disagreeBox = null;
          if (graders.length > 1) {
            const label = el("label", null, "check");
            disagreeBox = el("input"); disagreeBox.type = "checkbox"; disagreeBox.id = "filter-disagree";
            disagreeBox.addEventListener("change", apply);
            label.append(disagreeBox, el("span", "only where the graders disagree"));
            form.append(label);
          }

          // Where the graders disagree: per model, setting and k, how often the voted points and the full-marks verdicts differ.
          if (graders.length > 1) {
            const groups = new Map();
            for (const s of samples) {
              if (s.g.length < 2) continue;
              const key = `${s.m}|${s.s}|${s.k}`;
              let g = groups.get(key);
              if (!g) { g = { m: s.m, s: s.s, k: s.k, both: 0, differ: 0, fm: 0 }; groups.set(key, g); }
              g.both++;
              if (s.d) g.differ++;
              if (s.g.some(x => x.fm !== s.g[0].fm)) g.fm++;
            }
            const table = el("table"); table.id = "disagreement-summary";
            table.append(row(["Model", "Setting", "k", "Graded by both", "Points differ", "Full marks differ"], true));
            const list = [...groups.values()].sort((a, b) => order(D.models, S[a.m]) - order(D.models, S[b.m]) || order(D.settings, S[a.s]) - order(D.settings, S[b.s]) || a.k - b.k);
            for (const g of list) {
              const tr = row([el("td", S[g.m]), el("td", S[g.s]), numCell(g.k), numCell(g.both), numCell(g.differ), numCell(g.fm)]);
              tr.title = "Show these samples";
              tr.addEventListener("click", () => {
                filters[0].select.value = String(g.m); filters[1].select.value = String(g.s); filters[2].select.value = String(g.k);
                disagreeBox.checked = true;
                apply();
                document.getElementById("samples").scrollIntoView();
              });
              table.append(tr);
            }
            const section = document.getElementById("disagreement");
            document.getElementById("disagreement-table").append(
              el("p", `Graders: ${graders.map(g => S[g]).join(", ")}. A sample's points differ when the voted points of its graders differ.`), table);
            section.hidden = false;
          }

          // The samples.
          const tbody = document.querySelector("#samples tbody");
          const more = document.getElementById("more");
          const count = document.getElementById("count");
          let shown = [];

          function criteria(s) {
            const names = s.sk.map(i => D.rubric.skill + S[i]);
            names.push(D.rubric.topic + S[s.t], D.rubric.sense, D.rubric.length[s.k]);
            return names;
          }

          function explanation(reply) {
            const at = reply.search(/explanation/i);
            return at < 0 ? "" : reply.slice(at).replace(/^explanation\s*:?\s*/i, "");
          }

          function detail(s) {
            const td = el("td"); td.colSpan = 8;
            const tr = el("tr", null, "detail"); tr.append(td);
            td.append(el("p", "Reading the prompts and replies…"));
            const want = [s.p, s.p2];
            for (const g of s.g) for (const x of g.x) want.push(x.rp);
            getTexts(want).then(list => {
              const T = new Map(want.map((w, i) => [w, list[i]]));
              td.replaceChildren();
              fill(td, s, T);
            });
            return tr;
          }

          function fill(td, s, T) {
            td.append(el("h3", `${S[s.m]}, ${S[s.s]}, k = ${s.k}: combination ${s.c}, answer ${s.r}`));
            td.append(el("h4", "Prompt"), el("pre", T.get(s.p)));
            const second = el("details"); second.append(el("summary", "Second prompt"), el("pre", T.get(s.p2)));
            td.append(second, el("h4", "Answer"), el("pre", S[s.a]));
            const names = criteria(s);
            for (const g of s.g) {
              td.append(el("h4", `Graded by ${S[g.n]}: FM ${g.fm}, AS ${g.as}, SF ${num(g.sf)}`));
              const table = el("table", null, "grading");
              table.append(row(["Criterion", ...g.x.map(x => `grading ${x.r}`), "vote"], true));
              names.forEach((name, i) => {
                const last = i === names.length - 1;
                const cellsOf = g.x.map(x => {
                  const p = i < x.pt.length ? x.pt[i] : 0;
                  return el("td", last ? `${p} (counted: ${x.lp})` : String(p), `num point-${p >= 1 ? 1 : 0}`);
                });
                table.append(row([el("td", name), ...cellsOf, el("td", String(g.v[i]), `num point-${g.v[i] >= 1 ? 1 : 0}`)]));
              });
              td.append(table);
              for (const x of g.x) {
                const text = explanation(T.get(x.rp));
                if (text) td.append(el("p", `Explanation (grading ${x.r}): ${text}`));
                const full = el("details"); full.append(el("summary", `Reply of grading ${x.r}`), el("pre", T.get(x.rp)));
                td.append(full);
              }
            }
          }

          function sampleRow(i) {
            const s = samples[i];
            const first = s.g[0];
            const answer = S[s.a];
            const tr = row([el("td", S[s.m]), el("td", S[s.s]), numCell(s.k), el("td", s.sk.map(x => S[x]).join(", ")), el("td", S[s.t]),
              el("td", s.o === undefined ? "not graded" : D.outcomes[s.o], "outcome-" + s.o),
              el("td", first ? first.v.join(" ") : "", "num"), el("td", answer.length > 160 ? answer.slice(0, 160) + "…" : answer, "answer")]);
            tr.className = "sample" + (s.d ? " disagree" : "");
            tr.addEventListener("click", () => {
              const next = tr.nextElementSibling;
              if (next && next.classList.contains("detail")) next.remove(); else tr.after(detail(s));
            });
            return tr;
          }

          function renderMore() {
            const end = Math.min(shown.length, state.rendered + PAGE);
            const fragment = document.createDocumentFragment();
            for (let j = state.rendered; j < end; j++) fragment.append(sampleRow(shown[j]));
            tbody.append(fragment);
            state.rendered = end;
            more.hidden = end >= shown.length;
            more.textContent = `Show ${Math.min(PAGE, shown.length - end)} more`;
            count.textContent = `${shown.length} of ${samples.length} samples match; showing ${end}.`;
          }

          function apply() {
            const t0 = performance.now();
            const active = [];
            for (const f of filters) if (f.select.value !== "") active.push([f, Number(f.select.value)]);
            const disagree = disagreeBox !== null && disagreeBox.checked;
            shown = [];
            for (let i = 0; i < samples.length; i++) {
              const s = samples[i];
              let ok = !disagree || s.d === 1;
              for (let j = 0; ok && j < active.length; j++) ok = active[j][0].test(s, active[j][1]);
              if (ok) shown.push(i);
            }
            tbody.replaceChildren();
            state.rendered = 0;
            renderMore();
            state.shown = shown.length;
            state.lastFilterMs = performance.now() - t0;
          }

          more.addEventListener("click", renderMore);
          apply();
          state.timings.build = performance.now() - t0 - state.timings.parse;
          state.ready = true;
          state.readyMs = performance.now();
          // The prompts and replies follow this script in the page: read them once the page is parsed.
          if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startTexts); else startTexts();
        })();

        """;
}
