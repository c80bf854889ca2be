"""Parity fixture for the hand-off job: one step of the job's train.py (HandoffTrainer: transformers.Trainer
with Diagonal's AdamW groups, warmup + cosine schedule, clipping, logit-scale clamp and freezing) on one
process, from the contrastive parity checkpoint and its first batch (make_train_fixtures.py's
fixtures/train/parity-model and parity.inputs.safetensors), so that HandoffParityTest can take Diagonal's
step on the same weights and batch and compare.

Run from the repository root:
    /work/venv/bin/python tools/reference/make_handoff_fixtures.py [--out src/test/resources/fixtures/handoff]

Writes into --out:
  parity.json                 the job settings used, the loss, the learning rate of the step, versions
  parity.expected.safetensors a few parameters after the step (trained, frozen, no-decay, the logit scale)
"""
import argparse, importlib.util, json, os, sys, tempfile

import torch
from safetensors.torch import load_file, save_file
from transformers import CLIPModel, TrainerCallback

TRAIN_PY = "src/main/resources/dev/diagonal/handoff/train.py"
CONFIG = dict(lr=1e-3, weight_decay=0.1, beta1=0.9, beta2=0.98, eps=1e-6, clip_norm=0.5, batch_size=6, epochs=10,
              max_steps=0, warmup_steps=4, warmup_fraction=0.1, accumulation=1, freeze="text:last=1", seed=0,
              eval_every=0)
KEPT = ["logit_scale", "visual_projection.weight", "text_projection.weight",
        "text_model.encoder.layers.1.mlp.fc1.weight", "text_model.encoder.layers.1.mlp.fc1.bias",
        "text_model.encoder.layers.0.self_attn.q_proj.weight",  # frozen by text:last=1
        "text_model.final_layer_norm.weight", "vision_model.embeddings.class_embedding",
        "vision_model.encoder.layers.0.self_attn.k_proj.weight", "vision_model.pre_layrnorm.bias"]


class Fixed(torch.utils.data.Dataset):
    """Six rows; the collator ignores them and hands over the fixed batch (the CLIP loss does not depend on order)."""

    def __len__(self):
        return CONFIG["batch_size"]

    def __getitem__(self, i):
        return {"i": i}


class StopAfterOne(TrainerCallback):
    def on_step_end(self, args, state, control, **kw):
        control.should_training_stop = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/test/resources/fixtures/handoff")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("handoff_train", TRAIN_PY)
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)

    inputs = load_file("src/test/resources/fixtures/train/parity.inputs.safetensors")
    batch = {"pixel_values": inputs["pixel_values_1"], "input_ids": inputs["input_ids_1"],
             "attention_mask": inputs["attention_mask_1"], "return_loss": True}
    model = CLIPModel.from_pretrained("src/test/resources/fixtures/train/parity-model", dtype=torch.float32,
                                      attn_implementation="eager")
    train.apply_freeze(model, CONFIG["freeze"])
    seen = {}

    class Recording(train.HandoffTrainer):
        def compute_loss(self, model, inputs, return_outputs=False, **kw):
            out = super().compute_loss(model, inputs, return_outputs=return_outputs, **kw)
            seen["loss"] = float((out[0] if return_outputs else out).detach())
            seen["lr"] = self.optimizer.param_groups[0]["lr"]
            return out

    with tempfile.TemporaryDirectory() as tmp:
        targs, total = train.training_arguments(CONFIG, tmp, len(Fixed()), 0, 1)
        trainer = Recording(CONFIG, total, model=model, args=targs, train_dataset=Fixed(),
                            data_collator=lambda rows: dict(batch),
                            callbacks=[train.DiagonalSteps(None, None), StopAfterOne()])
        trainer.train()
    params = dict(model.named_parameters())
    save_file({n: params[n].detach().contiguous().clone() for n in KEPT},
              os.path.join(args.out, "parity.expected.safetensors"))
    import transformers, accelerate
    record = dict(config=CONFIG, total_steps=total, loss=seen["loss"], lr=seen["lr"], kept=KEPT,
                  versions=dict(torch=torch.__version__, transformers=transformers.__version__,
                                accelerate=accelerate.__version__))
    with open(os.path.join(args.out, "parity.json"), "w") as f:
        json.dump(record, f, indent=2)
    print(json.dumps({k: record[k] for k in ("total_steps", "loss", "lr")}))


if __name__ == "__main__":
    main()
