"""Checks a lora run's two exports against each other: transformers loads the merged folder
(`diagonal export --run RUN --out HF`), peft loads the adapter (`diagonal export --run RUN --format peft
--out PEFT`) onto the base model, and both must give the same image and text features (random inputs).
Diagonal's own features equal the merged folder's (LoraExportTest), and Diagonal equals transformers on
any HF folder (check_export.py), so this closes the chain Diagonal = transformers(merged) = peft.

    /work/venv/bin/python tools/reference/check_lora_export.py --base MODEL --hf HF --peft PEFT [--tolerance 1e-4]
"""
import argparse

import torch
from peft import PeftModel
from transformers import CLIPModel


def features(output):
    return output.pooler_output if hasattr(output, "pooler_output") else output


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--hf", required=True)
    parser.add_argument("--peft", required=True)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()
    merged = CLIPModel.from_pretrained(args.hf, dtype=torch.float32, attn_implementation="eager").eval()
    base = CLIPModel.from_pretrained(args.base, dtype=torch.float32, attn_implementation="eager").eval()
    adapted = PeftModel.from_pretrained(base, args.peft).eval()
    vision, text = merged.config.vision_config, merged.config.text_config
    gen = torch.Generator().manual_seed(0)
    pixels = torch.randn((4, 3, vision.image_size, vision.image_size), generator=gen)
    ids = torch.randint(1, text.vocab_size - 1, (4, 8), generator=gen)
    ids[:, -1] = text.eos_token_id
    with torch.no_grad():
        worst = 0.0
        for name, a, b in [
            ("image", features(merged.get_image_features(pixel_values=pixels)), features(adapted.get_image_features(pixel_values=pixels))),
            ("text", features(merged.get_text_features(input_ids=ids)), features(adapted.get_text_features(input_ids=ids))),
        ]:
            diff = float((a - b).abs().max())
            print(f"{name} features: merged (transformers) vs adapter (peft): max diff {diff:.3g}")
            worst = max(worst, diff)
        with adapted.disable_adapter():
            moved = float((features(adapted.get_image_features(pixel_values=pixels))
                           - features(merged.get_image_features(pixel_values=pixels))).abs().max())
        print(f"the adapter moves image features by {moved:.3g} (so it was loaded, not ignored)")
    assert worst <= args.tolerance, f"merged and peft differ by {worst}"
    if moved <= args.tolerance:
        print("warning: the adapter changes nothing (B is still zero, e.g. best/ is step 0's), so this run proves little")
    print("ok")


if __name__ == "__main__":
    main()
