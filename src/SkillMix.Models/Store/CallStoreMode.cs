namespace SkillMix.Models.Store;

/// <summary>How the call store answers.</summary>
public enum CallStoreMode
{
    /// <summary>Answer from the store; call the model on a miss and save the reply.</summary>
    Live,

    /// <summary>Always call the model and overwrite the saved reply.</summary>
    Record,

    /// <summary>Answer only from the store; a miss is an error that shows the missing request (CI, readers without a key).</summary>
    ReplayOnly,
}
