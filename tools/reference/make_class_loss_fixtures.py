"""Parity fixture for Diagonal's class-prompt loss (dev.diagonal.train.ContrastiveLoss#classes, `--batches classes`):
cross-entropy of each image against a prompt of every class, as CLIP-LoRA trains, by PyTorch autograd on fixed
random features.

Run from the repository root (torch from the local pip mirror):
    python tools/reference/make_class_loss_fixtures.py [--out src/test/resources/fixtures/train]

The loss is F.cross_entropy(exp(logit_scale) * normalize(images) @ normalize(class_texts).T, labels), averaged
over the images. Writes class_loss.json: image features (N, D), class prompt features (C, D), labels (N), the
logit scale, the loss, and the gradients wrt the image features, the class features and the logit scale.
"""
import argparse
import json
import os

import torch
import torch.nn.functional as F


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/test/resources/fixtures/train")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    gen = torch.Generator().manual_seed(2024)
    n, classes, dim = 8, 5, 16
    images = torch.randn((n, dim), generator=gen, dtype=torch.float64).float().requires_grad_(True)
    texts = torch.randn((classes, dim), generator=gen, dtype=torch.float64).float().requires_grad_(True)
    labels = torch.tensor([0, 3, 3, 1, 4, 0, 2, 3])  # class 3 three times, every class at least once
    scale = torch.tensor(2.7, requires_grad=True)
    logits = scale.exp() * F.normalize(images, dim=-1) @ F.normalize(texts, dim=-1).T
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    out = dict(image_features=images.tolist(), class_features=texts.tolist(), labels=labels.tolist(),
               logit_scale=2.7, loss=loss.item(), grad_image_features=images.grad.tolist(),
               grad_class_features=texts.grad.tolist(), grad_logit_scale=scale.grad.item(),
               torch=torch.__version__)
    path = os.path.join(args.out, "class_loss.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", path, "loss", loss.item())


if __name__ == "__main__":
    main()
