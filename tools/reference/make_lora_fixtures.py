"""LoRA fixtures for Diagonal's lora method, from peft + torch on the tiny random CLIP of the contrastive
parity fixture (src/test/resources/fixtures/train/parity-model, made by make_train_fixtures.py).

Run from the repository root:
    /work/venv/bin/python tools/reference/make_lora_fixtures.py [--out src/test/resources/fixtures/lora]

Writes into --out:
  lora.json                  peft's get_nb_trainable_parameters() for several (r, targets); the step's
                             hyperparameters and loss; versions
  step.inputs.safetensors    pixel_values, input_ids, attention_mask (one batch)
  step.init.safetensors      the adapters before the step (A random, B non-zero so A gets gradients),
                             named as Diagonal and peft's saved files name them (no base_model.model. prefix)
  step.expected.safetensors  the adapters after one step (CLIP loss, clip_grad_norm_, torch AdamW);
                             image_features / text_features of the stepped peft model on the same batch

The export check is tools/reference/check_lora_export.py.
"""
import argparse
import json
import os

import torch
from peft import LoraConfig, get_peft_model
from safetensors.torch import save_file
from transformers import CLIPModel

BASE = "src/test/resources/fixtures/train/parity-model"
ALL = ["q_proj", "k_proj", "v_proj", "out_proj"]
HYPER = dict(rank=2, alpha=4.0, lr=1e-2, weight_decay=0.1, beta1=0.9, beta2=0.98, eps=1e-6, clip_norm=0.5,
             batch_size=4)
PREFIX = "base_model.model."


def base():
    return CLIPModel.from_pretrained(BASE, dtype=torch.float32, attn_implementation="eager")


def counts():
    out = []
    for r, targets in [(2, ALL), (4, ALL), (3, ["q_proj", "v_proj"]), (1, ["out_proj"])]:
        model = get_peft_model(base(), LoraConfig(r=r, lora_alpha=1, target_modules=targets, lora_dropout=0.0))
        trainable, total = model.get_nb_trainable_parameters()
        out.append(dict(rank=r, targets=",".join(targets), trainable=trainable, total=total))
    return out


def features(output):
    """transformers 5 returns a model output from get_*_features; 4.x returned the tensor."""
    return output.pooler_output if hasattr(output, "pooler_output") else output


def adapter_name(name):
    return name[len(PREFIX):].replace(".default", "") if name.startswith(PREFIX) else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/test/resources/fixtures/lora")
    parser.add_argument("--seed", type=int, default=77)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    record = dict(counts=counts(), step=dict(HYPER, targets=",".join(ALL)))

    torch.manual_seed(args.seed)
    model = get_peft_model(base(), LoraConfig(r=HYPER["rank"], lora_alpha=HYPER["alpha"], target_modules=ALL,
                                              lora_dropout=0.0))
    model.train()
    params = {adapter_name(n): p for n, p in model.named_parameters() if p.requires_grad}
    with torch.no_grad():
        for name, p in params.items():
            p.copy_(torch.randn_like(p) * (0.3 if "lora_A" in name else 0.1))
    save_file({n: p.detach().clone().contiguous() for n, p in params.items()},
              os.path.join(args.out, "step.init.safetensors"))

    gen = torch.Generator().manual_seed(args.seed + 1)
    n = HYPER["batch_size"]
    vision, text = model.config.vision_config, model.config.text_config
    pixel_values = torch.randn((n, 3, vision.image_size, vision.image_size), generator=gen)
    length = text.max_position_embeddings
    ids = torch.full((n, length), text.pad_token_id, dtype=torch.long)
    mask = torch.zeros((n, length), dtype=torch.long)
    for i in range(n):
        used = int(torch.randint(3, length + 1, (1,), generator=gen))
        body = torch.randint(3, text.bos_token_id - 1, (used - 2,), generator=gen)
        ids[i, :used] = torch.cat([torch.tensor([text.bos_token_id]), body, torch.tensor([text.eos_token_id])])
        mask[i, :used] = 1
    save_file({"pixel_values": pixel_values, "input_ids": ids, "attention_mask": mask},
              os.path.join(args.out, "step.inputs.safetensors"))

    names = list(params)
    # Diagonal's groups: every adapter matrix ends in .weight, so all decay
    optimizer = torch.optim.AdamW([params[k] for k in names], lr=HYPER["lr"], betas=(HYPER["beta1"], HYPER["beta2"]),
                                  eps=HYPER["eps"], weight_decay=HYPER["weight_decay"])
    loss = model(input_ids=ids, attention_mask=mask, pixel_values=pixel_values, return_loss=True).loss
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_([params[k] for k in names], HYPER["clip_norm"])
    optimizer.step()
    record["step"].update(loss=float(loss.detach()), grad_norm=float(norm))
    expected = {f"after.{k}": params[k].detach().clone().contiguous() for k in names}
    model.eval()
    with torch.no_grad():
        expected["image_features"] = features(model.get_image_features(pixel_values=pixel_values)).contiguous()
        expected["text_features"] = features(model.get_text_features(input_ids=ids, attention_mask=mask)).contiguous()
    save_file(expected, os.path.join(args.out, "step.expected.safetensors"))
    record["versions"] = dict(torch=torch.__version__, transformers=__import__("transformers").__version__,
                              peft=__import__("peft").__version__)
    with open(os.path.join(args.out, "lora.json"), "w") as f:
        json.dump(record, f, indent=2)
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
