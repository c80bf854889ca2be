"""Parity fixture for Diagonal's contrastive training step: a tiny random HF CLIP, two fixed batches,
and what PyTorch computes for two steps of FLYP-style fine-tuning (CLIP loss, global-norm clipping,
torch.optim.AdamW with a decay and a no-decay group, logit scale clamped to [0, ln 100]).

Set-up (once, any machine with the local pip mirror):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
Run from the repository root:
    .venv/bin/python tools/reference/make_train_fixtures.py [--out src/test/resources/fixtures/train]

Writes into --out:
  parity-model/            config.json + model.safetensors (F32), the starting weights
  parity.inputs.safetensors   pixel_values_{1,2}, input_ids_{1,2}, attention_mask_{1,2}
  parity.expected.safetensors step{1,2}.<param name> for every parameter after each step
  parity.json              hyperparameters, losses, gradient norms before clipping, whether the clamp fired
"""
import argparse
import json
import math
import os
import shutil

import torch
from safetensors.torch import save_file
from transformers import CLIPConfig, CLIPModel

TEXT = dict(vocab_size=500, hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4,
            max_position_embeddings=16, hidden_act="quick_gelu", layer_norm_eps=1e-5, bos_token_id=498,
            eos_token_id=499, pad_token_id=499)
VISION = dict(hidden_size=48, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4, num_channels=3,
              image_size=32, patch_size=8, hidden_act="quick_gelu", layer_norm_eps=1e-5)
HYPER = dict(lr=1e-3, weight_decay=0.1, beta1=0.9, beta2=0.98, eps=1e-6, clip_norm=0.5, batch_size=6)


def decays(name):
    """Diagonal's rule (dev.diagonal.train.ParamGroups): no decay on biases, norms, embeddings, logit scale."""
    return not (name.endswith("bias") or name == "logit_scale" or "layer_norm" in name or "layrnorm" in name
                or "layernorm" in name or name.endswith("token_embedding.weight")
                or name.endswith("position_embedding.weight") or name.endswith("class_embedding"))


def batch(gen, n):
    pixel_values = torch.randn((n, VISION["num_channels"], VISION["image_size"], VISION["image_size"]), generator=gen)
    length = TEXT["max_position_embeddings"]
    ids = torch.full((n, length), TEXT["pad_token_id"], dtype=torch.long)
    mask = torch.zeros((n, length), dtype=torch.long)
    for i in range(n):
        used = int(torch.randint(3, length + 1, (1,), generator=gen))
        body = torch.randint(3, TEXT["bos_token_id"] - 1, (used - 2,), generator=gen)
        ids[i, :used] = torch.cat([torch.tensor([TEXT["bos_token_id"]]), body, torch.tensor([TEXT["eos_token_id"]])])
        mask[i, :used] = 1
    return pixel_values, ids, mask


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/test/resources/fixtures/train")
    parser.add_argument("--seed", type=int, default=4321)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(args.seed)
    config = CLIPConfig(text_config=TEXT, vision_config=VISION, projection_dim=24,
                        logit_scale_init_value=2.6592)
    model = CLIPModel(config)
    with torch.no_grad():  # random init leaves biases at zero and norms at one: perturb everything
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.05)
        model.logit_scale.fill_(math.log(100) + 0.01)  # above the clamp: step 1 must clamp it
    folder = os.path.join(args.out, "parity-model")
    shutil.rmtree(folder, ignore_errors=True)
    model.save_pretrained(folder)

    model = CLIPModel.from_pretrained(folder, dtype=torch.float32, attn_implementation="eager").train()
    names = [n for n, _ in model.named_parameters()]
    params = dict(model.named_parameters())
    groups = [dict(params=[params[n] for n in names if decays(n)], weight_decay=HYPER["weight_decay"]),
              dict(params=[params[n] for n in names if not decays(n)], weight_decay=0.0)]
    optimizer = torch.optim.AdamW(groups, lr=HYPER["lr"], betas=(HYPER["beta1"], HYPER["beta2"]), eps=HYPER["eps"])

    gen = torch.Generator().manual_seed(args.seed + 1)
    inputs, expected, record = {}, {}, dict(HYPER, steps=[])
    for step in (1, 2):
        pixel_values, ids, mask = batch(gen, HYPER["batch_size"])
        inputs.update({f"pixel_values_{step}": pixel_values, f"input_ids_{step}": ids, f"attention_mask_{step}": mask})
        loss = model(input_ids=ids, attention_mask=mask, pixel_values=pixel_values, return_loss=True).loss
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), HYPER["clip_norm"])
        optimizer.step()
        optimizer.zero_grad()
        with torch.no_grad():
            before = float(model.logit_scale)
            model.logit_scale.clamp_(0, math.log(100))
        record["steps"].append(dict(loss=float(loss), grad_norm=float(norm), clamped=before != float(model.logit_scale)))
        for n in names:
            expected[f"step{step}.{n}"] = params[n].detach().clone().contiguous()
    save_file({k: v.contiguous() for k, v in inputs.items()}, os.path.join(args.out, "parity.inputs.safetensors"))
    save_file(expected, os.path.join(args.out, "parity.expected.safetensors"))
    record["versions"] = dict(torch=torch.__version__, transformers=__import__("transformers").__version__)
    with open(os.path.join(args.out, "parity.json"), "w") as f:
        json.dump(record, f, indent=2)
    print(json.dumps(record, indent=2))
    print(f"{sum(p.numel() for p in model.parameters())} parameters in {len(names)} tensors")


if __name__ == "__main__":
    main()
