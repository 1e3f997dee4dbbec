-- A call's own campaign settings (Facilisoins: its groups, places, CTIS and results dates, opinion delays,
-- experimentation duration and cycles), given when the campaign is opened: a JSON object of simple values, passed
-- to the campaign's process and to each of its dossiers' processes. NULL for a call that needs none.
ALTER TABLE campaign ADD COLUMN variables TEXT;
