"""One row per known customer with what search, the profile and identification read, computed
once per data version.

At ten million customers, gathering each id's latest name, e-mail, phone and country across
imports, finding the ids that appear only in transactions, and counting how many ids share each
e-mail, phone and name took most of the Customers page's first view (a minute and a half, three
times over). :data:`IDENTITIES_SQL` does it once: the prepare step keeps its answer in the file
(``compute --engine duckdb``, :mod:`dashboard.store.computed`), else the value cache keeps it in
memory for the data version (:func:`dashboard.value.cache.kept_query`). A merge, an import or a
deletion changes the data version, and with it the table.
"""

from __future__ import annotations

import duckdb

from dashboard.errors import DashboardError
from dashboard.store import computed
from dashboard.value import cache

#: Fewest digits a stored phone needs to take part in duplicate detection (shorter ones are junk).
MIN_PHONE_DIGITS = 7
#: Phones are compared on their last 10 digits, so "+44 20 7946 0000" equals "020 7946 0000".
PHONE_DIGITS_COMPARED = 10
#: What the value cache calls the table kept in memory when the file keeps none.
KIND = "identities"

# One row per customer id: the latest non-empty value of each attribute across imports, plus the
# ids that only appear in transactions (an import of transactions alone still makes customers).
KNOWN_CUSTOMERS_CTE = """
customer_rows AS (
    SELECT customer_id,
           any_value(nullif(trim(name), '') ORDER BY import_id DESC NULLS LAST) AS name,
           any_value(nullif(trim(email), '') ORDER BY import_id DESC NULLS LAST) AS email,
           any_value(nullif(trim(phone), '') ORDER BY import_id DESC NULLS LAST) AS phone,
           any_value(nullif(trim(country), '') ORDER BY import_id DESC NULLS LAST) AS country,
           any_value(nullif(trim(channel), '') ORDER BY import_id DESC NULLS LAST) AS channel,
           any_value(signup_at ORDER BY import_id DESC NULLS LAST) AS signup_at
    FROM customers
    GROUP BY customer_id
),
known_customers AS (
    SELECT * FROM customer_rows
    UNION ALL BY NAME
    SELECT DISTINCT t.customer_id
    FROM transactions AS t
    WHERE NOT EXISTS (SELECT 1 FROM customer_rows AS c WHERE c.customer_id = t.customer_id)
)"""

#: The columns of a customer's identity, as the profile shows them.
IDENTITY_COLUMNS = ("customer_id", "name", "email", "phone", "country", "channel", "signup_at")

# The known customers with: id_rows (rows of the customers table with the id; 0 for an id found
# only in transactions: an orphan), the phone's digits (search compares them); the comparable
# form of each identifying attribute (NULL when missing or unusable: e-mail lower-case, the phone's last 10 digits when it has 7 or more, the name
# with its spacing made single, with the country) and how many ids share it (*_holders).
# DuckDB only (any_value ... ORDER BY, regexp flags): Spark's compute leaves it to the pages.
IDENTITIES_SQL = f"""
WITH {KNOWN_CUSTOMERS_CTE},
id_rows AS (SELECT customer_id, count(*) AS id_rows FROM customers GROUP BY customer_id),
digits AS (
    SELECT k.customer_id, k.name, k.email, k.phone, k.country, k.channel, k.signup_at,
           coalesce(i.id_rows, 0) AS id_rows,
           regexp_replace(coalesce(k.phone, ''), '[^0-9]', '', 'g') AS phone_digits
    FROM known_customers AS k LEFT JOIN id_rows AS i USING (customer_id)
),
keyed AS (
    SELECT d.*,
           nullif(lower(trim(d.email)), '') AS email_key,
           CASE WHEN length(d.phone_digits) >= {MIN_PHONE_DIGITS}
                THEN right(d.phone_digits, {PHONE_DIGITS_COMPARED}) END AS phone_key,
           CASE WHEN d.name IS NOT NULL
                THEN lower(regexp_replace(trim(d.name), '\\s+', ' ', 'g')) || ' | '
                     || coalesce(lower(trim(d.country)), '') END AS name_country_key
    FROM digits AS d
),
email_holders AS (
    SELECT email_key, count(*) AS email_holders FROM keyed
    WHERE email_key IS NOT NULL GROUP BY email_key
),
phone_holders AS (
    SELECT phone_key, count(*) AS phone_holders FROM keyed
    WHERE phone_key IS NOT NULL GROUP BY phone_key
),
name_holders AS (
    SELECT name_country_key, count(*) AS name_country_holders FROM keyed
    WHERE name_country_key IS NOT NULL GROUP BY name_country_key
)
SELECT k.*, e.email_holders, p.phone_holders, n.name_country_holders
FROM keyed AS k
LEFT JOIN email_holders AS e USING (email_key)
LEFT JOIN phone_holders AS p USING (phone_key)
LEFT JOIN name_holders AS n USING (name_country_key)
"""


def source(conn: duckdb.DuckDBPyConnection) -> tuple[str, list]:
    """A query of the identities table (:data:`IDENTITIES_SQL`), computed at most once per data
    version: the one the prepare step kept in the file, else one kept in memory (or the query
    itself when the cache is off).

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (read-only is fine).

    Returns
    -------
    tuple of (str, list)
        A query and its ``?`` parameters; put it in a CTE.
    """
    try:
        kept = computed.served(conn, IDENTITIES_SQL, [])
    except DashboardError:  # the lines live elsewhere: what is known is the customers table
        kept = None
    if kept is not None:
        return kept
    return cache.kept_query(conn, KIND, IDENTITIES_SQL, [])
