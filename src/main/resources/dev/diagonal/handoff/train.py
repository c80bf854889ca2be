"""Diagonal hand-off: contrastive CLIP fine-tuning with transformers.Trainer, run by `accelerate launch`.

Reproduces Diagonal's contrastive step (dev.diagonal.train): CLIPModel(return_loss=True)'s symmetric
InfoNCE loss, AdamW with Diagonal's betas/eps and no-decay groups, linear warmup then half cosine,
global-norm clipping, the logit scale clamped to [0, ln 100] after every step, and the same freezing.
Settings come from job.json beside this file; the data from train.csv / val.csv (image_path, caption).
"""
import csv, json, math, os, platform, shutil, socket, sys
from pathlib import Path

import torch
from PIL import Image
from transformers import (CLIPImageProcessor, CLIPModel, CLIPTokenizerFast, Trainer, TrainerCallback,
                          TrainingArguments)

JOB = Path(__file__).resolve().parent
MAX_LOGIT_SCALE = math.log(100)
WEIGHT_FILES = (".safetensors", ".bin", ".pt", ".pth")


def decays(name):
    """dev.diagonal.train.ParamGroups.decays."""
    return not (name.endswith("bias") or name == "logit_scale"
                or "layer_norm" in name or "layrnorm" in name or "layernorm" in name
                or name.endswith("token_embedding.weight") or name.endswith("position_embedding.weight")
                or name.endswith("class_embedding"))


def frozen(name, spec, vision_layers, text_layers):
    """dev.diagonal.train.Freeze: whether parameter `name` is frozen by the freeze spec."""
    for part in [p.strip().lower() for p in spec.split(",") if p.strip()]:
        if part == "none":
            continue
        if part == "all-but-projections":
            if not (name.startswith("visual_projection.") or name.startswith("text_projection.") or name == "logit_scale"):
                return True
            continue
        tower, _, last = part.partition(":last=")
        image = tower == "image"
        prefix = "vision_model." if image else "text_model."
        projection = "visual_projection." if image else "text_projection."
        if not last:
            if name.startswith(prefix) or name.startswith(projection):
                return True
            continue
        if not name.startswith(prefix) or name.startswith(prefix + ("post_layernorm." if image else "final_layer_norm.")):
            continue
        layers = vision_layers if image else text_layers
        blocks = prefix + "encoder.layers."
        layer = int(name[len(blocks):].split(".")[0]) if name.startswith(blocks) else -1
        if layer < 0 or layer < layers - int(last):
            return True
    return False


def apply_freeze(model, spec):
    vision = model.config.vision_config.num_hidden_layers
    text = model.config.text_config.num_hidden_layers
    for name, p in model.named_parameters():
        p.requires_grad_(not frozen(name, spec, vision, text))


def lr_lambda(warmup, total):
    """dev.diagonal.train.LrSchedule.at(step) / peak."""
    def f(step):
        if step < warmup:
            return (step + 1) / warmup
        decay = total - warmup
        progress = 1.0 if decay == 0 else (step - warmup) / decay
        return 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return f


def warmup_steps(cfg, total):
    """dev.diagonal.train.ScheduleSettings: explicit steps, else a fraction of all steps."""
    w = cfg["warmup_steps"]
    return min(w, total) if w >= 0 else int(math.floor(total * cfg["warmup_fraction"]))


def make_optimizer(model, cfg):
    """AdamW over the trainable parameters, decay and no-decay groups as Diagonal's ParamGroups."""
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [{"params": [p for n, p in named if decays(n)], "weight_decay": cfg["weight_decay"]},
              {"params": [p for n, p in named if not decays(n)], "weight_decay": 0.0}]
    return torch.optim.AdamW([g for g in groups if g["params"]], lr=cfg["lr"], betas=(cfg["beta1"], cfg["beta2"]),
                             eps=cfg["eps"], foreach=False)


def clamp_logit_scale(model):
    with torch.no_grad():
        model.logit_scale.clamp_(0, MAX_LOGIT_SCALE)


class Pairs(torch.utils.data.Dataset):
    """Rows of a run_clip.py-style CSV: image_path (absolute or job-relative), caption."""

    def __init__(self, csv_path):
        with open(csv_path, newline="", encoding="utf-8") as f:
            self.rows = [(r["image_path"], r["caption"]) for r in csv.DictReader(f)]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        path, caption = self.rows[i]
        return {"image_path": str(JOB / path) if not os.path.isabs(path) else path, "caption": caption}


class Collator:
    def __init__(self, model_dir):
        self.tokenizer = CLIPTokenizerFast.from_pretrained(model_dir)
        self.processor = CLIPImageProcessor.from_pretrained(model_dir)

    def __call__(self, rows):
        images = [Image.open(r["image_path"]).convert("RGB") for r in rows]
        text = self.tokenizer([r["caption"] for r in rows], padding=True, truncation=True,
                              max_length=self.tokenizer.model_max_length, return_tensors="pt")
        return {"pixel_values": self.processor(images=images, return_tensors="pt")["pixel_values"],
                "input_ids": text["input_ids"], "attention_mask": text["attention_mask"], "return_loss": True}


class DiagonalSteps(TrainerCallback):
    """Clamps the logit scale after every step and keeps the best weights (lowest eval loss) in output/best."""

    def __init__(self, out, model_dir):  # best/ is written by rank 0 alone: fine for DDP, skipped under FSDP
        self.out, self.model_dir, self.best = out, model_dir, None

    def on_step_end(self, args, state, control, model=None, **kw):
        clamp_logit_scale(model)

    def on_evaluate(self, args, state, control, model=None, metrics=None, **kw):
        loss = (metrics or {}).get("eval_loss")
        if os.environ.get("ACCELERATE_USE_FSDP", "false").lower() == "true":
            return  # a sharded model is gathered by all ranks at once: only the final weights are saved (Trainer.save_model)
        if loss is None or not state.is_world_process_zero or (self.best is not None and loss >= self.best):
            return
        self.best = loss
        save_model(model, self.out / "best", self.model_dir)
        (self.out / "best" / "best.json").write_text(json.dumps({"step": state.global_step, "eval_loss": loss}))


def save_model(model, target, model_dir):
    """The weights plus the model folder's tokenizer and processor files: a loadable HF folder."""
    getattr(model, "module", model).save_pretrained(target)
    copy_assets(target, model_dir)


def copy_assets(target, model_dir):
    for f in Path(model_dir).iterdir():
        if f.is_file() and not f.name.endswith(WEIGHT_FILES) and f.name != "config.json" and not (target / f.name).exists():
            shutil.copy(f, target / f.name)


class HandoffTrainer(Trainer):
    def __init__(self, cfg, total_steps, **kw):
        super().__init__(**kw)
        self.cfg, self.total_steps = cfg, total_steps

    def get_train_dataloader(self):
        """Training batches only are dropped when short (Diagonal's sampler); evaluation keeps every row."""
        keep = self.args.dataloader_drop_last
        self.args.dataloader_drop_last = True
        try:
            return super().get_train_dataloader()
        finally:
            self.args.dataloader_drop_last = keep

    def create_optimizer(self, model=None):
        if self.optimizer is None:
            self.optimizer = make_optimizer(self.model, self.cfg)
        return self.optimizer

    def create_scheduler(self, num_training_steps, optimizer=None):
        if self.lr_scheduler is None:
            total = self.total_steps
            self.lr_scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer or self.optimizer,
                                                                  lr_lambda(warmup_steps(self.cfg, total), total))
        return self.lr_scheduler


def load_job(job=JOB):
    return json.loads((job / "job.json").read_text(encoding="utf-8"))


def model_dir_of(job_cfg, job=JOB):
    m = job_cfg["model"]
    return m if os.path.isabs(m) else str(job / m)


def training_arguments(cfg, out, train_rows, val_rows, world):
    """TrainingArguments for Diagonal's settings, and the run's optimizer steps (as Diagonal counts them).

    Diagonal's batch is the global batch, capped at the training rows, and its sampler leaves out the samples
    that do not fill a last batch: so does the job (drop_last), each process taking batch / world. Evaluation keeps every validation row."""
    per_device = max(1, min(cfg["batch_size"], train_rows) // world)
    accumulation = cfg["accumulation"]
    batches = max(1, train_rows // (per_device * world))
    total = max(1, cfg["epochs"] * batches // accumulation)
    if cfg.get("max_steps", 0) > 0:
        total = min(total, cfg["max_steps"])
    eval_every = cfg.get("eval_every", 0) or max(1, total // 10)
    args = TrainingArguments(
        output_dir=str(out), per_device_train_batch_size=per_device, per_device_eval_batch_size=per_device,
        gradient_accumulation_steps=accumulation, max_steps=total, max_grad_norm=cfg["clip_norm"] or None,
        learning_rate=cfg["lr"], seed=cfg["seed"], logging_steps=1, save_strategy="no",
        eval_strategy="steps" if val_rows else "no", eval_steps=eval_every if val_rows else None,
        remove_unused_columns=False, report_to=[], ddp_find_unused_parameters=False, dataloader_drop_last=False, use_cpu=not torch.cuda.is_available(),
        ddp_backend=os.environ.get("DDP_BACKEND") or None)
    return args, total


def main():
    job = load_job()
    cfg = job["config"]
    out = Path(os.environ.get("DIAGONAL_OUTPUT", JOB / "output"))
    model_dir = model_dir_of(job)
    torch.manual_seed(cfg["seed"])
    model = CLIPModel.from_pretrained(model_dir, dtype=torch.float32)
    apply_freeze(model, cfg["freeze"])
    train = Pairs(JOB / "train.csv")
    val = Pairs(JOB / "val.csv") if (JOB / "val.csv").exists() else None
    world = int(os.environ.get("WORLD_SIZE", "1"))
    args, total = training_arguments(cfg, out, len(train), len(val) if val else 0, world)
    per_device = args.per_device_train_batch_size
    trainer = HandoffTrainer(cfg, total, model=model, args=args, train_dataset=train, eval_dataset=val,
                             data_collator=Collator(model_dir), callbacks=[DiagonalSteps(out, model_dir)])
    trainer.train()
    if val:
        trainer.evaluate()
    trainer.save_model(str(out / "final"))  # every rank calls it: under FSDP the full state dict is gathered
    if trainer.is_world_process_zero():
        copy_assets(out / "final", model_dir)
        trainer.save_state()  # output/trainer_state.json: log_history is the run's metrics
        import accelerate, transformers
        (out / "handoff.json").write_text(json.dumps({
            "host": socket.gethostname(), "platform": platform.platform(), "python": sys.version.split()[0],
            "torch": torch.__version__, "transformers": transformers.__version__, "accelerate": accelerate.__version__,
            "processes": world, "per_device_batch_size": per_device, "total_steps": total,
            "device": "cuda" if torch.cuda.is_available() else "cpu",
            "backend": torch.distributed.get_backend() if torch.distributed.is_initialized() else None,
            "job": str(JOB)}, indent=2))


if __name__ == "__main__":
    main()
