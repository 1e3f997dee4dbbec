-- One platform, many calls (issue 19): a dossier is its core columns plus its call's facts. The columns that only ESMS
-- numérique's application had become facts of the same names (the names its decision tables read), and its list of
-- ESMS becomes a list of records: a fact whose rows are kept in dossier_fact_record, one row per field. The ARS
-- mailboxes a call copies move to the call's descriptor (calls/<call>.yaml, regionalMailboxes): data of the call, not
-- of the schema.

-- A list of records (the ESMS of a dossier): record seq (from 1), field, typed value as in dossier_fact.
CREATE TABLE dossier_fact_record (
    dossier_number   VARCHAR(40)   NOT NULL REFERENCES dossier (dossier_number),
    fact             VARCHAR(100)  NOT NULL,
    seq              INT           NOT NULL,
    field            VARCHAR(100)  NOT NULL,
    value_type       VARCHAR(10)   NOT NULL,
    value_text       VARCHAR(8000),
    PRIMARY KEY (dossier_number, fact, seq, field)
);
CREATE INDEX dossier_fact_record_value ON dossier_fact_record (fact, field, value_text);
CREATE INDEX dossier_fact_value ON dossier_fact (name, value_text);

INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
    SELECT dossier_number, 'publicType', 'STRING', public_type FROM dossier WHERE public_type IS NOT NULL;
INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
    SELECT dossier_number, 'projectType', 'STRING', project_type FROM dossier WHERE project_type IS NOT NULL;
INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
    SELECT dossier_number, 'managingOrganisationSize', 'STRING', managing_organisation_size FROM dossier
    WHERE managing_organisation_size IS NOT NULL;
INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
    SELECT dossier_number, 'managingOrganisationCount', 'LONG', CAST(managing_organisation_count AS VARCHAR(20)) FROM dossier
    WHERE managing_organisation_count IS NOT NULL;
INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
    SELECT dossier_number, 'coreServicesCount', 'LONG', CAST(core_services_count AS VARCHAR(20)) FROM dossier
    WHERE core_services_count IS NOT NULL;
INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
    SELECT dossier_number, 'honourStatementProvided', 'BOOLEAN', CASE WHEN honour_statement_provided THEN 'true' ELSE 'false' END
    FROM dossier WHERE honour_statement_provided IS NOT NULL;
INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
    SELECT dossier_number, 'purchasingFrameworkCompliant', 'BOOLEAN', CASE WHEN purchasing_framework_compliant THEN 'true' ELSE 'false' END
    FROM dossier WHERE purchasing_framework_compliant IS NOT NULL;

INSERT INTO dossier_fact_record (dossier_number, fact, seq, field, value_type, value_text)
    SELECT dossier_number, 'esms', seq, 'finess', 'STRING', finess FROM dossier_esms;
INSERT INTO dossier_fact_record (dossier_number, fact, seq, field, value_type, value_text)
    SELECT dossier_number, 'esms', seq, 'name', 'STRING', name FROM dossier_esms;
INSERT INTO dossier_fact_record (dossier_number, fact, seq, field, value_type, value_text)
    SELECT dossier_number, 'esms', seq, 'region', 'STRING', region FROM dossier_esms;
INSERT INTO dossier_fact_record (dossier_number, fact, seq, field, value_type, value_text)
    SELECT dossier_number, 'esms', seq, 'size', 'STRING', esms_size FROM dossier_esms;
INSERT INTO dossier_fact_record (dossier_number, fact, seq, field, value_type, value_text)
    SELECT dossier_number, 'esms', seq, 'medicalised', 'BOOLEAN', CASE WHEN medicalised THEN 'true' ELSE 'false' END FROM dossier_esms;
INSERT INTO dossier_fact_record (dossier_number, fact, seq, field, value_type, value_text)
    SELECT dossier_number, 'esms', seq, 'equipmentRequested', 'BOOLEAN', CASE WHEN equipment_requested THEN 'true' ELSE 'false' END
    FROM dossier_esms;
-- the list itself: a fact whose value is its number of records
INSERT INTO dossier_fact (dossier_number, name, value_type, value_text)
    SELECT dossier_number, 'esms', 'RECORDS', CAST(COUNT(*) AS VARCHAR(20)) FROM dossier_esms GROUP BY dossier_number;

DROP TABLE dossier_esms;
ALTER TABLE dossier DROP COLUMN public_type;
ALTER TABLE dossier DROP COLUMN project_type;
ALTER TABLE dossier DROP COLUMN managing_organisation_size;
ALTER TABLE dossier DROP COLUMN managing_organisation_count;
ALTER TABLE dossier DROP COLUMN core_services_count;
ALTER TABLE dossier DROP COLUMN honour_statement_provided;
ALTER TABLE dossier DROP COLUMN purchasing_framework_compliant;
DROP TABLE call_ars_mailbox;
