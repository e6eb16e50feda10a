using SkillMix.Training.Checkpoints;
using SkillMix.Training.Training;

namespace SkillMix.Training.Tests;

/// <summary>A base student pretrained on the tiny texts and a student fine-tuned from it on the tiny chats, made once.</summary>
public sealed class TrainedStudent : IDisposable
{
    public TrainedStudent()
    {
        Root = Tiny.TempFolder();
        BaseFolder = Path.Combine(Root, "base");
        FineTunedFolder = Path.Combine(Root, "sft");
        PretrainReport = StudentTraining.Train(Tiny.Config(120), Tiny.Texts(), BaseFolder);
        FineTuneReport = StudentTraining.Train(Tiny.Config(200), Tiny.Chats(), FineTunedFolder, BaseFolder);
        Student = Student.Load(FineTunedFolder);
    }

    public string Root { get; }

    public string BaseFolder { get; }

    public string FineTunedFolder { get; }

    public TrainingReport PretrainReport { get; }

    public TrainingReport FineTuneReport { get; }

    public Student Student { get; }

    public void Dispose()
    {
        Student.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TrainedStudentCollection : ICollectionFixture<TrainedStudent>
{
    public const string Name = "trained student";
}
