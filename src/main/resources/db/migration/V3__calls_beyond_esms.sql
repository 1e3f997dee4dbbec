-- Calls other than ESMS numérique: a dossier's call-specific content lives in dossier_fact (one row per fact,
-- named as the call's decision tables read it); the ESMS numérique columns become optional. A dossier may arrive
-- by mail (channel MAIL), possibly after the closing instant (received_late): it is registered, never dropped.

ALTER TABLE dossier ALTER COLUMN public_type DROP NOT NULL;
ALTER TABLE dossier ALTER COLUMN project_type DROP NOT NULL;
ALTER TABLE dossier ALTER COLUMN managing_organisation_size DROP NOT NULL;
ALTER TABLE dossier ALTER COLUMN managing_organisation_count DROP NOT NULL;
ALTER TABLE dossier ALTER COLUMN core_services_count DROP NOT NULL;
ALTER TABLE dossier ALTER COLUMN honour_statement_provided DROP NOT NULL;
ALTER TABLE dossier ALTER COLUMN purchasing_framework_compliant DROP NOT NULL;
ALTER TABLE dossier ADD COLUMN channel VARCHAR(10) DEFAULT 'API' NOT NULL;
ALTER TABLE dossier ADD COLUMN received_late BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE dossier_fact (
    dossier_number   VARCHAR(40)   NOT NULL REFERENCES dossier (dossier_number),
    name             VARCHAR(100)  NOT NULL,
    value_type       VARCHAR(10)   NOT NULL,
    value_text       VARCHAR(8000),
    PRIMARY KEY (dossier_number, name)
);

-- The mailbox of each ARS for a call, copied on the call's mails (Facilisoins: the call's annex 2). Data, not code:
-- an administrator edits it when an address changes.
CREATE TABLE call_ars_mailbox (
    call_id          VARCHAR(100)  NOT NULL,
    region           VARCHAR(100)  NOT NULL REFERENCES region (name),
    mailbox          VARCHAR(320)  NOT NULL,
    PRIMARY KEY (call_id, region)
);

INSERT INTO call_ars_mailbox (call_id, region, mailbox) VALUES
    ('facilisoins', 'Auvergne-Rhône-Alpes', 'ARS-ARA-ART51@ars.sante.fr'),
    ('facilisoins', 'Bourgogne-Franche-Comté', 'ARS-BFC-ART51@ars.sante.fr'),
    ('facilisoins', 'Bretagne', 'ARS-BRETAGNE-ART51@ars.sante.fr'),
    ('facilisoins', 'Corse', 'ARS-CORSE-ART51@ars.sante.fr'),
    ('facilisoins', 'Centre-Val de Loire', 'ARS-CVL-ART51@ars.sante.fr'),
    ('facilisoins', 'Grand Est', 'ARS-GRANDEST-ART51@ars.sante.fr'),
    ('facilisoins', 'Guadeloupe', 'ARS-GUADELOUPE-ART51@ars.sante.fr'),
    ('facilisoins', 'Guyane', 'ARS-GUYANE-ART51@ars.sante.fr'),
    ('facilisoins', 'Hauts-de-France', 'ARS-HDF-ART51@ars.sante.fr'),
    ('facilisoins', 'Île-de-France', 'ARS-IDF-ART51@ars.sante.fr'),
    ('facilisoins', 'Martinique', 'ARS-MARTINIQUE-ART51@ars.sante.fr'),
    ('facilisoins', 'Normandie', 'ARS-NORMANDIE-ART51@ars.sante.fr'),
    ('facilisoins', 'Nouvelle-Aquitaine', 'ARS-NA-ART51@ars.sante.fr'),
    ('facilisoins', 'Occitanie', 'ARS-OC-ART51@ars.sante.fr'),
    ('facilisoins', 'La Réunion', 'ARS-OI-ART51@ars.sante.fr'),
    ('facilisoins', 'Mayotte', 'ARS-OI-ART51@ars.sante.fr'),
    ('facilisoins', 'Provence-Alpes-Côte d''Azur', 'ARS-PACA-ART51@ars.sante.fr'),
    ('facilisoins', 'Pays de la Loire', 'ARS-PDL-ART51@ars.sante.fr');
