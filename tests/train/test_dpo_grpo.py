"""DPO and GRPO run end to end on the tiny model for a few steps, through TRL, with the real sandbox rewards."""

import json

from axiom.problems.family import make_problem
from axiom.problems.spec import ProblemSpec
from axiom.train.dpo import DPOConfig, train_dpo
from axiom.train.grpo import GRPOConfig, _skipping_trainer, problem_dataset, train_grpo
from axiom.train.lora import trainer_args

PAIRS = [{"prompt": [{"role": "user", "content": f"Write add number {i}."}],
          "chosen": "```python\ndef add(a, b):\n    return a + b\n```", "rejected": "def add(a, b): return a - b"}
         for i in range(8)]


def test_dpo_learns_to_prefer_the_chosen_answer(tiny_model, tmp_path):
    m = train_dpo(tiny_model, PAIRS, tmp_path / "dpo", DPOConfig(lr=5e-3, epochs=2, logging_steps=1))
    assert m["steps"] == 4
    assert m["loss_history"][0][1] > 0.69 and m["loss_history"][-1][1] < 0.3   # log 2 at the start, then falls
    assert m["reward_margin"][-1][1] > 0
    assert json.loads((tmp_path / "dpo" / "axiom_train.json").read_text())["kind"] == "dpo"


def test_dpo_continuing_an_adapter_saves_only_the_trained_one(tiny_model, tmp_path):
    train_dpo(tiny_model, PAIRS, tmp_path / "a", DPOConfig(max_steps=1))
    train_dpo(tiny_model, PAIRS, tmp_path / "b", DPOConfig(max_steps=1, sft_weight=0.5), adapter=str(tmp_path / "a"))
    assert (tmp_path / "b" / "adapter_model.safetensors").is_file() and not (tmp_path / "b" / "ref").exists()


def test_grpo_runs_with_sandbox_rewards_and_logs_per_family(tiny_model, tmp_path):
    problems = ProblemSpec(families=["rpn", "fizzbuzz"], train_difficulties="1", eval_difficulties="1",
                           train_per_cell=2, val_per_cell=1, test_per_cell=1)
    cfg = GRPOConfig(problems=problems, max_steps=2, batch_size=4, group_size=2, max_completion_length=12,
                     logging_steps=1)
    m = train_grpo(tiny_model, tmp_path / "grpo", cfg)
    assert m["steps"] == 2 and m["problems"] == 4 and len(m["reward_history"]) == 2
    assert set(m["reward_per_family"]) <= {"rpn", "fizzbuzz"} and m["reward_per_family"]
    assert m["groups_seen"] == 4 and 0 <= m["groups_skipped"] <= 4
    assert (tmp_path / "grpo" / "adapter_model.safetensors").is_file()


def test_groups_with_equal_rewards_are_masked_and_counted(tiny_model, tmp_path):
    """rpn groups get a constant reward (no signal), fizzbuzz groups a varying one: only rpn groups are skipped."""
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import GRPOConfig as TRLGRPOConfig

    from axiom.train.lora import lora_config

    problems = [make_problem(f, 1, "train", 42, i) for f in ("rpn", "fizzbuzz") for i in range(2)]
    seen = []

    def reward(completions, family, **kwargs):
        seen.extend(family)
        return [0.5 if f == "rpn" else float(k % 2) for k, f in enumerate(family)]

    cfg = GRPOConfig(max_steps=2, batch_size=4, group_size=2, max_completion_length=8, seed=3)
    args = trainer_args(cfg, TRLGRPOConfig, str(tmp_path), num_generations=2, max_completion_length=8,
                        remove_unused_columns=False)
    cls = _skipping_trainer()
    trainer = cls(model=AutoModelForCausalLM.from_pretrained(tiny_model), reward_funcs=[reward], args=args,
                  train_dataset=problem_dataset(problems), processing_class=AutoTokenizer.from_pretrained(tiny_model),
                  peft_config=lora_config(cfg))
    trainer.train()
    rpn_groups = seen.count("rpn") // 2
    assert trainer.groups_seen == len(seen) // 2 == 4
    assert trainer.groups_skipped == rpn_groups
