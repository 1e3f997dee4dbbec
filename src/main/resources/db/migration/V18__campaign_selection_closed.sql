-- When the campaign's last decision closed its selection (closePendingDossiers): no dossier filed after it could be
-- decided, so the intake refuses it with its reason instead of leaving it waiting for a committee that will not meet.
ALTER TABLE campaign ADD COLUMN selection_closed_at TIMESTAMP WITH TIME ZONE;
