#!/usr/bin/env bash
# Tries this repository's pre-commit hooks in a throwaway content repository:
# commits a broken post and shows the `redraft` hook repairing it.
#
#   scripts/try-pre-commit.sh [REV]     # REV defaults to HEAD of this repo
#
# pre-commit builds the hook from a commit (`cargo install` of REV), so
# uncommitted work is not in it. Set REDRAFT_HOOK_LANGUAGE=system to skip that
# build and use `repo: local` with the binary built from the working tree
# (also the fallback when the `language: rust` install fails, e.g. offline).
# Set KEEP=1 to keep the throwaway directory.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rev=${1:-$(git -C "$repo_root" rev-parse HEAD)}
language=${REDRAFT_HOOK_LANGUAGE:-rust}

work=$(mktemp -d "${TMPDIR:-/tmp}/redraft-pre-commit.XXXXXX")
if [[ ${KEEP:-0} == 1 ]]; then
    echo "== keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi
# A private cache: the trial never touches the user's pre-commit environments.
export PRE_COMMIT_HOME="$work/cache"

step() { printf '\n== %s\n' "$*"; }

ensure_pre_commit() {
    if ! command -v pre-commit >/dev/null 2>&1; then
        step "installing pre-commit with pip"
        python3 -m pip install --quiet pre-commit
    fi
    pre-commit --version
}

write_rust_config() {
    cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $repo_root
    rev: $rev
    hooks:
      - id: redraft
YAML
}

# `repo: local` runs a binary built from the working tree, no install step.
write_system_config() {
    step "building redraft from the working tree"
    cargo build --release --quiet --manifest-path "$repo_root/Cargo.toml"
    cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: local
    hooks:
      - id: redraft
        name: redraft (repair LLM draft artefacts)
        entry: $repo_root/target/release/redraft fix
        language: system
        types_or: [markdown]
YAML
}

make_content_repo() {
    mkdir -p "$work/content/_posts"
    cd "$work/content"
    git init --quiet --initial-branch=main
    git config user.email trial@example.invalid
    git config user.name "pre-commit trial"
    printf '%s\n' '---' 'title: Drafts' '---' 'The model wrote a long sent' '' '---END---' '' \
        'sentence about drafts. Then it went on.' '' '---END---' >_posts/2025-01-01-drafts.md
    printf '%s\n' '# Clean' '' 'Nothing to repair.' >_posts/clean.md
}

main() {
    ensure_pre_commit
    make_content_repo
    step "hook language: $language (rev ${rev:0:12})"
    if [[ $language == rust ]]; then
        write_rust_config
    else
        write_system_config
    fi
    cat .pre-commit-config.yaml
    git add .pre-commit-config.yaml
    step "installing the hook environment"
    if ! pre-commit install-hooks; then
        if [[ $language == system ]]; then exit 1; fi
        step "language: rust install failed; falling back to repo: local / language: system"
        language=system
        write_system_config
        git add .pre-commit-config.yaml
        pre-commit install-hooks
    fi
    pre-commit install

    step "the broken post, staged"
    cat _posts/2025-01-01-drafts.md
    git add _posts

    step "first commit: the hook repairs the post and stops the commit"
    if git commit --quiet -m "Add a post"; then
        echo "unexpected: the commit went through with a broken post" >&2
        exit 1
    fi
    step "what the hook changed"
    git --no-pager diff
    step "second commit: repaired post staged, the hook passes"
    git add _posts
    git commit --quiet -m "Add a post"
    git --no-pager log --oneline
    step "committed post"
    git show HEAD:_posts/2025-01-01-drafts.md
}

main
