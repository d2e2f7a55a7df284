namespace Intake.UnitTests.Training;

/// <summary>Puts the training test classes in one collection: they share one trained model and do not compete for the cores.</summary>
[CollectionDefinition(Name)]
public sealed class TrainingCollection : ICollectionFixture<TrainedModelFixture>
{
    public const string Name = "Training";
}
