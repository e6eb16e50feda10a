using System.Reflection;
using SkillMix.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Training.Lora;

/// <summary>
/// Puts low-rank adapters into any module tree whose submodule names are its checkpoint keys (the LLaMA family's Hugging
/// Face names, the tiny GPT's GPT-2 names), takes them out again by merging, and lists their parameters.
/// A target layer must be a <see cref="Linear"/> held in a field of its parent declared as
/// <c>nn.Module&lt;Tensor, Tensor&gt;</c> (TorchSharp's Linear is sealed and parents call their fields' forward directly,
/// so swapping the field is the one way in).
/// </summary>
public static class Lora
{
    /// <summary>
    /// Wraps every target linear layer in a <see cref="LoraLinear"/>, freezes every other parameter, and returns the
    /// wrapped modules' paths in order. lora_A is drawn from <paramref name="seed"/> in path order, so one seed gives one adapter.
    /// </summary>
    public static IReadOnlyList<string> Inject(nn.Module root, LoraConfig config, long seed)
    {
        config.Validate();
        var modules = root.named_modules().ToDictionary(m => m.name, m => m.module, StringComparer.Ordinal);
        var unmatched = config.TargetModules.Where(t => !modules.Keys.Any(name => Matches(name, t))).ToArray();
        if (unmatched.Length > 0)
        {
            var leaves = modules.Where(m => m.Value is Linear).Select(m => m.Key[(m.Key.LastIndexOf('.') + 1)..]).Distinct().Order();
            throw new ArgumentException(
                $"LoRA TargetModules names {string.Join(", ", unmatched.Select(u => $"'{u}'"))}, which match no module of the model; "
                + $"its linear layers are named {string.Join(", ", leaves)}.");
        }
        var targets = modules.Where(m => config.TargetModules.Any(t => Matches(m.Key, t))).OrderBy(m => m.Key, StringComparer.Ordinal).ToArray();
        foreach (var (name, module) in targets)
        {
            if (module is not Linear linear)
            {
                throw new ArgumentException($"LoRA TargetModules matches '{name}', a {module.GetType().Name}; only linear layers take an adapter. Name its linear layers instead.");
            }
            FieldFor(root, modules, name, typeof(LoraLinear));
            var smaller = Math.Min(linear.in_features, linear.out_features);
            if (config.Rank > smaller)
            {
                throw new ArgumentException(
                    $"LoRA Rank {config.Rank} is larger than '{name}' allows ({linear.out_features} x {linear.in_features}: at most {smaller}); choose a Rank of at most {smaller}.");
            }
        }

        foreach (var parameter in root.parameters())
        {
            parameter.requires_grad = false;
        }
        using var generator = new Generator(unchecked((ulong)seed));
        foreach (var (name, module) in targets)
        {
            var adapter = new LoraLinear((Linear)module, config.Rank, config.Scaling, config.Dropout, generator);
            Replace(root, modules, name, adapter);
        }
        return targets.Select(t => t.Key).ToArray();
    }

    /// <summary>Merges every adapter into its base weight and puts plain linear layers back; the keys are the base model's again.</summary>
    public static IReadOnlyList<string> MergeAndUnload(nn.Module root)
    {
        var modules = root.named_modules().ToDictionary(m => m.name, m => m.module, StringComparer.Ordinal);
        var adapters = modules.Where(m => m.Value is LoraLinear).OrderBy(m => m.Key, StringComparer.Ordinal).ToArray();
        foreach (var (name, module) in adapters)
        {
            Replace(root, modules, name, ((LoraLinear)module).MergeAndUnload());
        }
        return adapters.Select(a => a.Key).ToArray();
    }

    /// <summary>The adapters' parameters (names ending in lora_A.weight or lora_B.weight), in the model's order.</summary>
    public static IReadOnlyList<(string Name, Parameter Parameter)> AdapterParameters(nn.Module root) =>
        root.named_parameters().Where(p => IsAdapterKey(p.name)).ToArray();

    public static bool IsAdapterKey(string name) =>
        name.EndsWith(".lora_A.weight", StringComparison.Ordinal) || name.EndsWith(".lora_B.weight", StringComparison.Ordinal);

    // PEFT's rule for a string target: the module's full path equals it or ends with "." + it.
    private static bool Matches(string path, string target) =>
        path == target || path.EndsWith("." + target, StringComparison.Ordinal);

    private static void Replace(nn.Module root, Dictionary<string, nn.Module> modules, string path, nn.Module<Tensor, Tensor> replacement)
    {
        var (parent, child, field) = FieldFor(root, modules, path, replacement.GetType());
        field.SetValue(parent, replacement);
        // Registering appends, so the parent's children are registered again in their order: parameter order is the
        // optimizer state's order and the checkpoints' order, and must not depend on which layers carry adapters.
        var children = parent.named_children().ToArray();
        foreach (var (name, _) in children)
        {
            parent.register_module(name, null!);
        }
        foreach (var (name, module) in children)
        {
            parent.register_module(name, name == child ? replacement : module);
        }
        modules[path] = replacement;
    }

    // Checked for every target before any is replaced, so a refused model is left as it was.
    private static (nn.Module Parent, string Child, FieldInfo Field) FieldFor(nn.Module root, Dictionary<string, nn.Module> modules, string path, Type type)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? root : modules[path[..dot]];
        var child = path[(dot + 1)..];
        var field = FieldOf(parent.GetType(), child);
        if (field is null || !field.FieldType.IsAssignableFrom(type))
        {
            var declared = field is null ? "has no field of that name" : $"declares it as {field.FieldType.Name}";
            throw new ArgumentException(
                $"LoRA cannot wrap '{path}': its parent {parent.GetType().Name} {declared}. Declare the field '{child}' as "
                + "nn.Module<Tensor, Tensor> so an adapter can take its place, or leave it out of TargetModules.");
        }
        return (parent, child, field);
    }

    private static FieldInfo? FieldOf(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
        {
            var field = type.GetField(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
            if (field is not null)
            {
                return field;
            }
        }
        return null;
    }
}
