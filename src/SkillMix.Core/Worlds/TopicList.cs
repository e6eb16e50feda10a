namespace SkillMix.Core.Worlds;

/// <summary>
/// Reads a topic list: one topic per line, trimmed; blank lines are ignored, so a final newline (or its absence) changes
/// nothing. A topic listed twice is an error, since it would be drawn twice as often.
/// </summary>
public static class TopicList
{
    public static IReadOnlyList<string> ReadFile(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    public static IReadOnlyList<string> Read(TextReader reader, string source)
    {
        var topics = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var topic = line.Trim();
            if (topic.Length == 0)
            {
                continue;
            }
            if (!firstLine.TryAdd(topic, number))
            {
                throw new SkillMixDataException(source, number,
                    $"topic '{topic}' appears again (first on line {firstLine[topic]}); list each topic once.");
            }
            topics.Add(topic);
        }
        if (topics.Count == 0)
        {
            throw new SkillMixDataException(source, null, "the topic list is empty; write one topic per line.");
        }
        return topics;
    }
}
