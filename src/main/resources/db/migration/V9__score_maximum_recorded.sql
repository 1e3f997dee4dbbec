-- A dossier's score is shown out of its call's maximum, recorded with the instruction as the fact maxScore
-- (RecordInstructionDelegate). Dossiers instructed before: those of ESMS numérique (the only call with ESMS rows) were
-- scored on five criteria marked 0 to 5, out of 25; Facilisoins dossiers already recorded their maximum.
INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
SELECT d.dossier_number, 'maxScore', 'LONG', '25'
FROM dossier d
WHERE d.score IS NOT NULL
  AND EXISTS (SELECT 1 FROM dossier_esms e WHERE e.dossier_number = d.dossier_number)
  AND NOT EXISTS (SELECT 1 FROM dossier_fact f WHERE f.dossier_number = d.dossier_number AND f.name = 'maxScore');
