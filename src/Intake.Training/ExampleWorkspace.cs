namespace Intake.Training;

/// <summary>Scratch buffers for one example's forward and backward pass, reused across examples to avoid allocating per character.</summary>
internal sealed class ExampleWorkspace(MlpShape shape)
{
    public int[] Context { get; } = new int[shape.ContextLength];

    /// <summary>The context's embeddings, concatenated.</summary>
    public float[] Input { get; } = new float[shape.InputSize];

    /// <summary>tanh activations.</summary>
    public float[] Hidden { get; } = new float[shape.HiddenSize];

    /// <summary>Logits after the forward pass, probabilities after the softmax, then the loss gradient during backward.</summary>
    public float[] Output { get; } = new float[shape.VocabularySize];

    public float[] HiddenGradient { get; } = new float[shape.HiddenSize];

    public float[] InputGradient { get; } = new float[shape.InputSize];
}
