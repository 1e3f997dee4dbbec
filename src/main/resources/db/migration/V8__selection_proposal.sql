-- The national team's proposal of a selection (Facilisoins: « Proposer la sélection »), one row per dossier, as the
-- server checked and recorded it when the task completed. The CTIS gives its opinion on this record: the proposal and
-- its reason come from here, never from what the CTIS's form sends back. Proposing again replaces the campaign's rows.
CREATE TABLE selection_proposal (
    campaign_key     VARCHAR(100)  NOT NULL REFERENCES campaign (campaign_key),
    dossier_number   VARCHAR(40)   NOT NULL REFERENCES dossier (dossier_number),
    proposal         VARCHAR(20)   NOT NULL,
    reason           VARCHAR(4000) NOT NULL,
    proposed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    proposed_by      VARCHAR(100)  NOT NULL,
    PRIMARY KEY (campaign_key, dossier_number),
    CONSTRAINT selection_proposal_value CHECK (proposal IN ('RETENU', 'NON_RETENU'))
);
