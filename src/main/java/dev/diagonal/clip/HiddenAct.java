package dev.diagonal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Locale;

/** The MLP activations a CLIP config can name in {@code hidden_act}, computed as HF's ACT2FN does. */
public enum HiddenAct {
    /** OpenAI CLIP's {@code x * sigmoid(1.702 x)}. */
    QUICK_GELU("quick_gelu"),
    /** Exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    GELU("gelu"),
    /** GELU's tanh approximation as HF's NewGELUActivation computes it. */
    GELU_NEW("gelu_new"),
    /** PyTorch's {@code gelu(approximate="tanh")}: the same formula as gelu_new. */
    GELU_PYTORCH_TANH("gelu_pytorch_tanh"),
    /** HF's FastGELUActivation. */
    GELU_FAST("gelu_fast"),
    /** HF's python GELU: the same erf form as {@code gelu}. */
    GELU_PYTHON("gelu_python"),
    /** HF's GELU with the tanh formula, like {@code gelu_new}. */
    GELU_ACCURATE("gelu_accurate"),
    /** Exact GELU clipped to [-10, 10]. */
    GELU_10("gelu_10"),
    RELU("relu"),
    RELU6("relu6"),
    /** Squared ReLU. */
    RELU2("relu2"),
    LEAKY_RELU("leaky_relu"),
    SILU("silu"),
    SWISH("swish"),
    MISH("mish"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    LINEAR("linear");

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private final String hfName;

    HiddenAct(String hfName) {
        this.hfName = hfName;
    }

    /** The name used in {@code config.json}. */
    public String hfName() {
        return hfName;
    }

    /** Looks up a {@code hidden_act} value; {@code null} when Diagonal does not implement it. */
    public static HiddenAct fromHfName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.hfName.equals(wanted)).findFirst().orElse(null);
    }

    /** Applies the activation element-wise. */
    public NDArray apply(NDArray x) {
        switch (this) {
            case QUICK_GELU:
                return x.mul(Activation.sigmoid(x.mul(Scalars.of(x, 1.702f))));
            case GELU:
            case GELU_PYTHON:
                return Activation.gelu(x);
            case GELU_10:
                return Activation.gelu(x).clip(-10f, 10f);
            case GELU_NEW:
            case GELU_PYTORCH_TANH:
            case GELU_ACCURATE:
                return x.mul(Scalars.of(x, 0.5f)).mul(x.pow(Scalars.of(x, 3f)).mul(Scalars.of(x, 0.044715f)).add(x)
                        .mul(Scalars.of(x, (float) SQRT_2_OVER_PI)).tanh().add(1f));
            case GELU_FAST:
                return x.mul(Scalars.of(x, 0.5f)).mul(x.mul(Scalars.of(x, 0.7978845608f))
                        .mul(x.square().mul(Scalars.of(x, 0.044715f)).add(1f)).tanh().add(1f));
            case RELU:
                return Activation.relu(x);
            case RELU6:
                return Activation.relu6(x);
            case RELU2:
                return Activation.relu(x).square();
            case LEAKY_RELU:
                return Activation.leakyRelu(x, 0.01f);
            case SILU:
            case SWISH:
                return x.mul(Activation.sigmoid(x));
            case MISH:
                return x.mul(Activation.softPlus(x).tanh());
            case TANH:
                return x.tanh();
            case SIGMOID:
                return Activation.sigmoid(x);
            case LINEAR:
                return x;
            default:
                throw new IllegalStateException(name());
        }
    }
}
