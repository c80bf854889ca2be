"""Parity fixture for Diagonal's multi-positive contrastive loss (dev.diagonal.train.ContrastiveLoss#multiPositive):
the loss and its gradients, computed by PyTorch autograd on fixed random features of a batch in which several
samples share a class.

Run from the repository root (torch from the local pip mirror):
    python tools/reference/make_multipositive_fixtures.py [--out src/test/resources/fixtures/train]

The batch's text columns are deduplicated here independently of the Java code: a position whose key and tokens
equal an earlier position's shares its column. Image i and column j are positives when their keys are equal.
Targets spread evenly over the positives (image -> texts along rows, text -> images along columns), each
direction's cross-entropy is averaged over its rows, and the two directions are averaged. With all keys distinct
this is CLIP's loss (transformers' clip_loss), which the "identity" case also checks.

Writes multipositive.json: per case, keys and tokens per position, image features (N, D), text features per
position (N, D; duplicates are identical rows), the logit scale, the loss, and the gradients wrt the image
features, the unique columns' text features and the logit scale.
"""
import argparse
import json
import os

import torch
import torch.nn.functional as F


def columns(keys, tokens):
    rows = []
    for i in range(len(keys)):
        if not any(keys[i] == keys[r] and tokens[i] == tokens[r] for r in rows):
            rows.append(i)
    return rows


def loss_of(images, texts, scale, keys, rows):
    logits = scale.exp() * F.normalize(images, dim=-1) @ F.normalize(texts, dim=-1).T
    positive = torch.tensor([[float(keys[i] == keys[r]) for r in rows] for i in range(len(keys))])
    to_texts = positive / positive.sum(1, keepdim=True)
    to_images = positive / positive.sum(0, keepdim=True)
    image_loss = -(to_texts * logits.log_softmax(1)).sum(1).mean()
    text_loss = -(to_images * logits.log_softmax(0)).sum(0).mean()
    return (image_loss + text_loss) / 2, logits


def case(gen, keys, tokens, dim):
    n = len(keys)
    images = torch.randn((n, dim), generator=gen, dtype=torch.float64).float()
    distinct = {}
    texts = torch.empty((n, dim))
    for i in range(n):
        identity = (keys[i], tuple(tokens[i]))
        if identity not in distinct:
            distinct[identity] = torch.randn((dim,), generator=gen, dtype=torch.float64).float()
        texts[i] = distinct[identity]
    rows = columns(keys, tokens)
    image_leaf = images.clone().requires_grad_(True)
    text_leaf = texts[rows].clone().requires_grad_(True)
    scale = torch.tensor(2.3, requires_grad=True)
    loss, logits = loss_of(image_leaf, text_leaf, scale, keys, rows)
    loss.backward()
    out = dict(keys=keys, tokens=tokens, columns=rows, image_features=images.tolist(), text_features=texts.tolist(),
               logit_scale=2.3, loss=loss.item(), grad_image_features=image_leaf.grad.tolist(),
               grad_text_features=text_leaf.grad.tolist(), grad_logit_scale=scale.grad.item())
    if len(rows) == n and len(set(keys)) == n:
        labels = torch.arange(n)
        clip = (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
        assert abs(clip.item() - loss.item()) < 1e-6, (clip.item(), loss.item())
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/test/resources/fixtures/train")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    gen = torch.Generator().manual_seed(2022)
    dim = 16
    # 8 images of 3 classes; positions 0 and 3 share class and prompt tokens (one column), 1 and 5 share class only
    mixed_keys = ["label:cat", "label:dog", "label:cow", "label:cat", "label:cow", "label:dog", "label:cat",
                  "caption:a bird on a wire"]
    mixed_tokens = [[49406, 320, 2368, 49407], [49406, 320, 1929, 49407], [49406, 320, 9706, 49407],
                    [49406, 320, 2368, 49407], [49406, 736, 9706, 49407], [49406, 736, 1929, 49407],
                    [49406, 736, 2368, 49407], [49406, 320, 3329, 525, 49407]]
    identity_keys = ["caption:%d" % i for i in range(6)]
    identity_tokens = [[49406, 100 + i, 49407] for i in range(6)]
    cases = dict(mixed=case(gen, mixed_keys, mixed_tokens, dim),
                 identity=case(gen, identity_keys, identity_tokens, dim))
    path = os.path.join(args.out, "multipositive.json")
    with open(path, "w") as f:
        json.dump(dict(torch=torch.__version__, cases=cases), f)
    for name, c in cases.items():
        print(name, "loss", c["loss"], "columns", c["columns"])


if __name__ == "__main__":
    main()
