#!/bin/sh
# Refreshes the previous version of every model (src/test/resources/models-previous/<same path>) and the table of
# README.md: for each model, the most recent committed version that differs from the working tree's file — the
# released version a changed model will replace. With an unchanged working tree, that is the second entry of
# `git log --format=%h -- <model>` (the first being the commit that wrote the current version).
# Run from anywhere in the repository, then run ModelMigrationTest and commit what changed.
set -eu
cd "$(git rev-parse --show-toplevel)"
out=src/test/resources/models-previous
table=$(mktemp)
for model in bpmn/common/mail-triage.bpmn bpmn/common/payment-tranche.bpmn \
        bpmn/esms-numerique/esms-numerique-campaign.bpmn bpmn/esms-numerique/esms-numerique-dossier.bpmn \
        bpmn/facilisoins/facilisoins-campaign.bpmn bpmn/facilisoins/facilisoins-dossier.bpmn \
        bpmn/idf-parcours/idf-parcours-campaign.bpmn bpmn/idf-parcours/idf-parcours-dossier.bpmn \
        bpmn/cvl-numerique/cvl-numerique-campaign.bpmn bpmn/cvl-numerique/cvl-numerique-dossier.bpmn; do
    found=""
    for commit in $(git log --format=%h -- "$model"); do
        if ! git show "$commit:$model" | cmp -s - "$model"; then
            found=$commit
            break
        fi
    done
    if [ -n "$found" ]; then
        mkdir -p "$out/$(dirname "$model")"
        git show "$found:$model" > "$out/$model"
        echo "| \`$model\` | \`$found\` | $(git log -1 --format=%s "$found" | cut -c1-90)… |" >> "$table"
    else
        rm -f "$out/$model"
        echo "| \`$model\` | — | no earlier version in the history: the test migrates between two deployments of the current file |" >> "$table"
    fi
done
sed -i '/^| `bpmn\//d' "$out/README.md"
cat "$table" >> "$out/README.md"
rm -f "$table"
echo "Refreshed $out; run: mvn -q -o test -Dtest=ModelMigrationTest"
