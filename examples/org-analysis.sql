-- itlead results across an organisation, in DuckDB.
--
-- `itlead team` answers "how does this team cover each contrast?" for the
-- files it is given. With results from many teams, a database answers the
-- same question per team and for everyone at once. This script computes what
-- `itlead team` computes (count, mean, median, lowest, highest, spread and
-- who leans where, and the coverage that follows), per team folder and for
-- the whole organisation.
--
-- Layout: one folder per team under `results/`, each holding that team's
-- result files (`itlead assess --output results/platform/sam.json`, or the
-- files people sent back). Run from the folder that holds `results/`:
--
--     duckdb < examples/org-analysis.sql
--     duckdb -c ".read examples/org-analysis.sql"
--
-- As `itlead team` does, it counts self-assessments only (results answered
-- about someone else, `about`, are left out), a result copied into two files
-- once (once per team folder and once in the organisation), and results of one questionnaire and major version together (the
-- `title` and `major` columns; an axis id of another questionnaire need not
-- mean the same thing). Means, medians and spreads are rounded to one
-- decimal as `itlead team` rounds them.

-- Every JSON file under `results/`, with the fields the analysis reads.
-- Naming the columns makes a file without an optional field (`about`) read
-- as null. A JSON file that is not an itlead result is left out below by its
-- `schema`; a file that is not JSON at all stops the query with its name
-- (DuckDB reads every file it matches). Where `itlead team` names each file
-- it skips and why, this script only leaves them out: run
-- `itlead team results/TEAM/*.json` to see why.
CREATE OR REPLACE TEMP VIEW result_files AS
SELECT
    regexp_extract(filename, '([^/\\]+)[/\\][^/\\]+$', 1) AS team,
    filename AS file,
    schema,
    created,
    name,
    about,
    content.title AS title,
    split_part(trim(content.version), '.', 1) AS major,
    content.version AS version,
    content.hash AS content_hash,
    CAST(answers AS VARCHAR) AS answers,
    axes
FROM read_json(
    'results/**/*.json',
    filename = true,
    format = 'auto',
    columns = {
        schema: 'VARCHAR',
        created: 'VARCHAR',
        name: 'VARCHAR',
        about: 'JSON',
        content: 'STRUCT(title VARCHAR, version VARCHAR, hash VARCHAR)',
        answers: 'JSON',
        axes: 'STRUCT(id VARCHAR, theme VARCHAR, manager VARCHAR, leader VARCHAR, score INTEGER, band VARCHAR)[]'
    }
);

-- Self-assessments, each counted once per team folder and once in the
-- organisation: two files holding the same result (same time,
-- questionnaire, name and answers) are one person.
CREATE OR REPLACE TEMP VIEW results AS
SELECT
    *,
    row_number() OVER (
        PARTITION BY team, created, content_hash, name, answers ORDER BY file
    ) = 1 AS first_in_team,
    row_number() OVER (
        PARTITION BY created, content_hash, name, answers ORDER BY file
    ) = 1 AS first_in_organisation
FROM result_files
WHERE schema LIKE 'itlead.result/%' AND about IS NULL;

-- Who counts where: each person in their team folder, and once more in the
-- organisation (`team` null).
CREATE OR REPLACE TEMP VIEW memberships AS
SELECT team, title, major, version, axes FROM results WHERE first_in_team
UNION ALL
SELECT NULL, title, major, version, axes FROM results WHERE first_in_organisation;

-- One row per person and contrast, with the side their band leans to, as
-- `itlead team` counts it: leaning or strong to either side, uncertain
-- (too few responses for a band), or balanced (everything else: balanced,
-- no clear leaning).
CREATE OR REPLACE TEMP VIEW scores AS
SELECT
    team,
    title,
    major,
    axis.id AS contrast,
    axis.manager AS manager,
    axis.leader AS leader,
    axis.score AS score,
    CASE
        WHEN axis.band IN ('leaning-manager', 'strong-manager') THEN 'manager'
        WHEN axis.band IN ('leaning-leader', 'strong-leader') THEN 'leader'
        WHEN axis.band = 'uncertain' THEN 'uncertain'
        ELSE 'balanced'
    END AS side,
    position
FROM (
    SELECT team, title, major, unnest(axes) AS axis, generate_subscripts(axes, 1) AS position
    FROM memberships
)
WHERE axis.score IS NOT NULL;

-- The figures of `itlead team`, per team folder and, with `team` null, for
-- the whole organisation.
CREATE OR REPLACE TEMP VIEW figures AS
SELECT
    team,
    title,
    major,
    contrast,
    any_value(manager) AS manager,
    any_value(leader) AS leader,
    count(*) AS count,
    round(avg(score), 1) AS mean,
    round(median(score), 1) AS median,
    min(score) AS min,
    max(score) AS max,
    round(stddev_pop(score), 1) AS spread,
    count(*) FILTER (side = 'manager') AS lean_manager,
    count(*) FILTER (side = 'balanced') AS lean_balanced,
    count(*) FILTER (side = 'leader') AS lean_leader,
    count(*) FILTER (side = 'uncertain') AS lean_uncertain,
    CASE
        WHEN lean_manager > 0 AND lean_leader > 0 THEN 'both'
        WHEN lean_manager > 0 THEN 'manager-only'
        WHEN lean_leader > 0 THEN 'leader-only'
        WHEN lean_balanced > 0 THEN 'no-leaning'
        ELSE 'uncertain'
    END AS coverage,
    min(position) AS position
FROM scores
GROUP BY team, title, major, contrast;

-- Per team folder: one row per team and contrast, in the results' order.
CREATE OR REPLACE TEMP VIEW team_contrasts AS
SELECT * EXCLUDE (position) FROM figures
WHERE team IS NOT NULL
ORDER BY team, title, major, position;

-- For the whole organisation: one row per contrast.
CREATE OR REPLACE TEMP VIEW organisation_contrasts AS
SELECT * EXCLUDE (team, position) FROM figures
WHERE team IS NULL
ORDER BY title, major, position;

-- Where a team covers only one side of a contrast, or nobody leans.
CREATE OR REPLACE TEMP VIEW gaps AS
SELECT team, title, major, contrast, manager, leader, coverage, count
FROM team_contrasts
WHERE coverage IN ('manager-only', 'leader-only', 'no-leaning')
ORDER BY team, contrast;

-- How many people each team folder holds, and the organisation (`team`
-- null), with the questionnaire versions among their results.
CREATE OR REPLACE TEMP VIEW teams AS
SELECT team, title, major, count(*) AS people, string_agg(DISTINCT version, ', ' ORDER BY version) AS versions
FROM memberships
GROUP BY team, title, major
ORDER BY team NULLS LAST, title, major;

SELECT * FROM teams;
SELECT * FROM organisation_contrasts;
SELECT * FROM team_contrasts;
SELECT * FROM gaps;
