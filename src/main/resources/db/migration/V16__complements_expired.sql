-- A complements request whose delay ran out without an answer is closed, not answered: the dossier's admissibility
-- is then appreciated « au vu des seules pièces en notre possession » (issue 22), and a late answer finds no request.
ALTER TABLE dossier_complement ADD COLUMN expired_at TIMESTAMP WITH TIME ZONE;
