-- Idempotency keys are derived with the server's secret (instruire.secret) instead of PBKDF2 (issue 21: PBKDF2 took 60 %
-- of a submission's time). The rows stored before keep their derivation, so that a client retrying across the upgrade
-- still finds its answer; new rows are SECRET.
ALTER TABLE idempotency_key ADD COLUMN derivation VARCHAR(10) DEFAULT 'PBKDF2' NOT NULL;
