-- The usage indicators after the award (issue 22): the beneficiary's plan — the indicators it reports, the ones it chose
-- among the call's optional ones, and its target for each (« l'évaluation faite ») — and its monthly reports.
CREATE TABLE usage_plan (
    dossier_number  VARCHAR(40)    NOT NULL REFERENCES dossier (dossier_number),
    indicator_key   VARCHAR(60)    NOT NULL,
    position        INT            NOT NULL CHECK (position >= 1),
    target          NUMERIC(16, 2) NOT NULL CHECK (target > 0),
    declared_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    declared_by     VARCHAR(200)   NOT NULL,
    PRIMARY KEY (dossier_number, indicator_key),
    CONSTRAINT usage_plan_position UNIQUE (dossier_number, position)
);

-- One month's value of one indicator: a count (numerator) or a rate's two terms; a month sent again replaces it.
CREATE TABLE usage_report (
    dossier_number  VARCHAR(40)    NOT NULL REFERENCES dossier (dossier_number),
    period          CHAR(7)        NOT NULL,
    indicator_key   VARCHAR(60)    NOT NULL,
    numerator       NUMERIC(16, 2) NOT NULL CHECK (numerator >= 0),
    denominator     NUMERIC(16, 2) CHECK (denominator > 0),
    reported_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_by     VARCHAR(200)   NOT NULL,
    PRIMARY KEY (dossier_number, period, indicator_key),
    FOREIGN KEY (dossier_number, indicator_key) REFERENCES usage_plan (dossier_number, indicator_key)
);
