package dev.diagonal.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for the differentiable forward pass. DJL's {@code x.mul(2f)} wraps the number in a
 * tensor over a Java direct buffer that is released as soon as the op returns, but autograd keeps that
 * tensor for the backward pass (to scale the gradient): after a garbage collection in between, the
 * gradient is computed from freed memory. A scalar from {@code NDManager.full} owns native memory that
 * autograd's reference keeps alive, so {@code x.mul(Scalars.of(x, 2f))} is safe in training.
 */
final class Scalars {

    private Scalars() {}

    /** A 0-d array of {@code value} with {@code like}'s type, device and manager. */
    static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
