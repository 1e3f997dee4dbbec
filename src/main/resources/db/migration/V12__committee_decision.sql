-- Each decision a committee sitting took, as checked before any is sent (CheckCommitteeDecisions): the dossier's job
-- reads its own row instead of the sitting's whole list (issue 21: that made a sitting of 10 000 dossiers quadratic).
CREATE TABLE committee_decision (
    campaign_key     VARCHAR(100)  NOT NULL,
    dossier_number   VARCHAR(40)   NOT NULL REFERENCES dossier (dossier_number),
    -- the sitting's row for the dossier, as the committee submitted it (JSON object)
    decision_row     VARCHAR(8000) NOT NULL,
    checked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_key, dossier_number)
);
