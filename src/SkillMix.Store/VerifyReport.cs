namespace SkillMix.Store;

/// <summary>What <see cref="StepStore.Verify"/> checked and what it removed; one sentence per problem.</summary>
public sealed record VerifyReport(int EntriesChecked, int BlobsChecked, long BytesHashed, IReadOnlyList<string> Problems)
{
    public bool Clean => Problems.Count == 0;
}
