"""Golden fixtures for Diagonal's CLIP model: tiny random-weight checkpoints made by Hugging Face
`transformers`, inputs, and the reference outputs (`get_image_features`, `get_text_features`,
`logits_per_image`) computed in float32.

Set-up (once, any machine with the local pip mirror):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
Run from the repository root:
    .venv/bin/python tools/reference/make_model_fixtures.py [--out src/test/resources/fixtures/clip]

Each checkpoint folder holds what a user's HF folder holds (config.json, weights as safetensors in the
dtype named below, possibly sharded); `inputs.safetensors` and `expected.safetensors` sit beside it.
"""
import argparse
import json
import os
import shutil

import torch
from safetensors.torch import save_file
from transformers import CLIPConfig, CLIPModel

# Each case varies what changes the math: activation, eps, heads, widths, image/patch size, channels,
# vocabulary, maximum length, projection width, the pooling rule (eos_token_id == 2 is HF's legacy
# argmax rule) and the storage dtype (F32 / F16 / BF16, single file or sharded).
CASES = {
    "tiny-quickgelu-f16": dict(
        text=dict(vocab_size=49408, hidden_size=32, intermediate_size=37, num_hidden_layers=2,
                  num_attention_heads=4, max_position_embeddings=77, hidden_act="quick_gelu",
                  layer_norm_eps=1e-5, bos_token_id=49406, eos_token_id=2, pad_token_id=1),
        vision=dict(hidden_size=48, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
                    num_channels=3, image_size=32, patch_size=8, hidden_act="quick_gelu", layer_norm_eps=1e-5),
        projection_dim=24, logit_scale_init_value=2.6592, dtype=torch.float16, shard=None),
    "small-gelu-bf16": dict(
        text=dict(vocab_size=1000, hidden_size=40, intermediate_size=80, num_hidden_layers=3,
                  num_attention_heads=5, max_position_embeddings=20, hidden_act="gelu",
                  layer_norm_eps=1e-6, bos_token_id=998, eos_token_id=999, pad_token_id=0),
        vision=dict(hidden_size=24, intermediate_size=50, num_hidden_layers=3, num_attention_heads=2,
                    num_channels=3, image_size=40, patch_size=10, hidden_act="gelu", layer_norm_eps=1e-6),
        projection_dim=16, logit_scale_init_value=3.0, dtype=torch.bfloat16, shard=None),
    "mono-geluNew-sharded": dict(
        text=dict(vocab_size=500, hidden_size=36, intermediate_size=72, num_hidden_layers=2,
                  num_attention_heads=3, max_position_embeddings=12, hidden_act="gelu_new",
                  layer_norm_eps=1e-4, bos_token_id=498, eos_token_id=499, pad_token_id=499),
        vision=dict(hidden_size=32, intermediate_size=48, num_hidden_layers=1, num_attention_heads=8,
                    num_channels=1, image_size=30, patch_size=6, hidden_act="gelu_pytorch_tanh",
                    layer_norm_eps=1e-3),
        projection_dim=20, logit_scale_init_value=1.5, dtype=torch.float32, shard="60KB"),
}


def text_inputs(case, gen, n=5):
    """Padded ids with BOS first and EOS last; lengths vary so padding and masking matter."""
    t = case["text"]
    bos, eos, pad = t["bos_token_id"], t["eos_token_id"], t["pad_token_id"]
    max_len = t["max_position_embeddings"]
    legacy = eos == 2
    eos_id = t["vocab_size"] - 1 if legacy else eos  # legacy checkpoints end with the highest id
    pad_id = eos_id if legacy else pad
    lengths = [max_len, 2, max_len // 2, 3, max_len - 1][:n]
    low, high = 3, min(bos, eos_id) - 1
    ids = torch.full((n, max_len), pad_id, dtype=torch.long)
    mask = torch.zeros((n, max_len), dtype=torch.long)
    for i, length in enumerate(lengths):
        body = torch.randint(low, high, (length - 2,), generator=gen)
        ids[i, :length] = torch.cat([torch.tensor([bos]), body, torch.tensor([eos_id])])
        mask[i, :length] = 1
    return ids, mask


def make(name, case, out_root, seed):
    torch.manual_seed(seed)
    config = CLIPConfig(text_config=case["text"], vision_config=case["vision"],
                        projection_dim=case["projection_dim"],
                        logit_scale_init_value=case["logit_scale_init_value"])
    model = CLIPModel(config).eval()
    # random init leaves biases at zero and norms at one: perturb everything so every tensor matters
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    folder = os.path.join(out_root, name)
    shutil.rmtree(folder, ignore_errors=True)
    kwargs = {"max_shard_size": case["shard"]} if case["shard"] else {}
    model.to(case["dtype"]).save_pretrained(folder, **kwargs)

    # the reference: the saved checkpoint loaded back in float32, as a user of transformers would
    ref = CLIPModel.from_pretrained(folder, dtype=torch.float32, attn_implementation="eager").eval()
    gen = torch.Generator().manual_seed(seed + 1)
    v = case["vision"]
    pixel_values = torch.randn((3, v["num_channels"], v["image_size"], v["image_size"]), generator=gen)
    input_ids, attention_mask = text_inputs(case, gen)
    with torch.no_grad():
        image_embeds = ref.get_image_features(pixel_values=pixel_values).pooler_output
        text_embeds = ref.get_text_features(input_ids=input_ids, attention_mask=attention_mask).pooler_output
        out = ref(input_ids=input_ids, attention_mask=attention_mask, pixel_values=pixel_values)
    save_file({"pixel_values": pixel_values.contiguous(), "input_ids": input_ids.contiguous(),
               "attention_mask": attention_mask.contiguous()}, os.path.join(out_root, name + ".inputs.safetensors"))
    save_file({"image_embeds": image_embeds.contiguous(), "text_embeds": text_embeds.contiguous(),
               "logits_per_image": out.logits_per_image.contiguous(),
               "logit_scale": ref.logit_scale.detach().reshape(1).contiguous()},
              os.path.join(out_root, name + ".expected.safetensors"))
    print(f"{name}: {sum(p.numel() for p in ref.parameters())} parameters, "
          f"image_embeds {tuple(image_embeds.shape)}, text_embeds {tuple(text_embeds.shape)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/test/resources/fixtures/clip")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for i, (name, case) in enumerate(CASES.items()):
        make(name, case, args.out, args.seed + 100 * i)
    with open(os.path.join(args.out, "README.md"), "w") as f:
        f.write("Generated by tools/reference/make_model_fixtures.py with transformers "
                f"{__import__('transformers').__version__}, torch {torch.__version__}. Do not edit.\n")


if __name__ == "__main__":
    main()
