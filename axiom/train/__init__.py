"""Training: datasets from verdicts, LoRA SFT, DPO, GRPO (TRL + PEFT), rewards in axiom.rewards."""
