"""The SQL that generates the demo business inside DuckDB, one statement per table (the plan of
the customers and their purchase days in three temp tables first).

Randomness comes from ``hash(seed, row ids...)``, never from ``random()``: the same seed gives the
same data whatever the number of threads. DuckDB combines the arguments of ``hash`` by XOR, so
draws that differ only in their last argument are strongly correlated; hashing the result again
makes them independent. ``demo_u(s, a, b)`` and ``demo_u4(s, a, b, c)`` are
uniforms in [0, 1); a customer's own draws use tags below 100, an order's or a line's draws tags
above 100. Sums that decide dates are of whole seconds (BIGINT), so they are exact whatever the
order of adding.
"""

from __future__ import annotations

MACROS_SQL = """
CREATE OR REPLACE TEMP MACRO demo_u(s, a, b) AS
    (hash(hash(s::BIGINT, a::BIGINT, b::BIGINT)) >> 11) / 9007199254740992.0;
CREATE OR REPLACE TEMP MACRO demo_u4(s, a, b, c) AS
    (hash(hash(s::BIGINT, a::BIGINT, b::BIGINT, c::BIGINT)) >> 11) / 9007199254740992.0;
CREATE OR REPLACE TEMP MACRO demo_u5(s, a, b, c, d) AS
    (hash(hash(s::BIGINT, a::BIGINT, b::BIGINT, c::BIGINT, d::BIGINT)) >> 11) / 9007199254740992.0;
CREATE OR REPLACE TEMP MACRO demo_pick(values, u) AS
    list_extract(values, 1 + floor(u * len(values))::INTEGER);
CREATE OR REPLACE TEMP MACRO demo_normal(u1, u2, u3) AS (u1 + u2 + u3 - 1.5) * 2.0;
CREATE OR REPLACE TEMP MACRO demo_after(start_at, seconds) AS
    start_at + to_seconds(greatest(seconds, 0)::BIGINT);
CREATE OR REPLACE TEMP MACRO demo_between(s, a, b, c, first_at, last_at) AS
    demo_after(first_at, demo_u4(s, a, b, c) * (epoch(last_at) - epoch(first_at)));
CREATE OR REPLACE TEMP MACRO demo_gauss(u1, u2) AS sqrt(-2 * ln(1 - u1)) * cos(2 * pi() * u2);
-- A gamma(shape, 1) draw from a customer's draws (s, i, tag, 1..4): a shape of 3 or more by the
-- Wilson-Hilferty cube of a normal, a smaller one (a multiple of 0.5) exactly, as a sum of
-- exponentials (shape 1 each) and half a squared normal (shape 0.5).
CREATE OR REPLACE TEMP MACRO demo_gamma(s, i, tag, shape) AS
    CASE WHEN shape >= 3
         THEN shape * pow(greatest(1 - 1 / (9 * shape)
                                   + demo_gauss(demo_u4(s, i, tag, 1), demo_u4(s, i, tag, 2))
                                     / (3 * sqrt(shape)), 0), 3)
         ELSE -ln(1 - demo_u4(s, i, tag, 3)) * (shape >= 1)::INTEGER
              - ln(1 - demo_u4(s, i, tag, 4)) * (shape >= 2)::INTEGER
              + pow(demo_gauss(demo_u4(s, i, tag, 1), demo_u4(s, i, tag, 2)), 2) / 2
                * (shape - floor(shape) = 0.5)::INTEGER END;
CREATE OR REPLACE TEMP MACRO demo_order_id(i, k) AS printf('O%07d%03d', i, k);
"""

#: One row per customer: the hidden traits that drive everything the customer does, and when the
#: first purchase is made. Buying follows BG/NBD's "buy till you die": a rate of purchases per
#: week while alive (gamma across customers), and after each repeat purchase a chance ``dropout``
#: to leave for good (beta across customers), so ``repeats`` (geometric) is the number of repeat
#: purchases the customer makes if the data go on long enough.
PEOPLE_SQL = """
CREATE OR REPLACE TEMP TABLE demo_people AS
WITH drawn AS (
    SELECT i,
           demo_u($seed, i, 1) AS u_segment,
           demo_u($seed, i, 2) < $duplicate_rate AND i > 1 AS is_duplicate,
           demo_normal(demo_u($seed, i, 3), demo_u($seed, i, 4), demo_u($seed, i, 5)) AS z_spend
    FROM range(1, $customers + 1) AS r(i)
), segmented AS (
    SELECT *,
           CASE WHEN u_segment < $segment_upto[1] THEN 1 WHEN u_segment < $segment_upto[2] THEN 2
                WHEN u_segment < $segment_upto[3] THEN 3 ELSE 4 END AS segment,
           CASE WHEN is_duplicate THEN i - 1 ELSE i END AS person
    FROM drawn
), traits AS (
    SELECT *,
           demo_after($start_at, pow(demo_u($seed, i, 6), $signup_power[segment]) * $span_seconds)
               AS signup_at,
           $purchase_rate[segment] / $rate_shape[segment]
               * demo_gamma($seed, i, 30, $rate_shape[segment]) AS rate,
           demo_gamma($seed, i, 31, $dropout_a[segment]) AS stay_a,
           demo_gamma($seed, i, 32, $dropout_b[segment]) AS stay_b,
           greatest(0.02, least(1.0, $trouble[segment] + 0.6 * (demo_u($seed, i, 8) - 0.5)))
               AS trouble,
           exp(0.45 * z_spend) AS spend,
           demo_pick($country_slots, demo_u($seed, person, 20)) AS country_index,
           demo_pick($channel_slots, demo_u($seed, i, 9)) AS channel,
           demo_pick($category_slots, demo_u($seed, i, 10)) AS favourite_category
    FROM segmented
), dropping AS (
    SELECT *, greatest(1e-6, least(1 - 1e-9, stay_a / (stay_a + stay_b))) AS dropout
    FROM traits
)
SELECT *, printf('C%06d', i) AS customer_id,
       1 + floor(ln(1 - demo_u($seed, i, 7)) / ln(1 - dropout)) AS repeats,
       least(demo_after(signup_at, demo_u4($seed, i, 0, 101) * 172800), $end_at) AS first_at
FROM dropping
"""

#: Every purchase day: the first purchase, then repeat purchases at Poisson times (exponential
#: gaps at the customer's rate) until the customer drops out or the data end. The gaps run on a
#: purchase clock that goes faster in November and December (the holiday peak) and slower in the
#: other months, a year of it being a year; whole seconds of it, so that sums are exact.
ORDERS_SQL = """
CREATE OR REPLACE TEMP TABLE demo_orders AS
WITH months AS (
    SELECT m, $start_at + to_months(m) AS month_at,
           CASE WHEN month($start_at + to_months(m)) IN (11, 12) THEN $holiday_pace
                ELSE $normal_pace END AS pace
    FROM range(0, $months + 1) AS r(m)
), clock AS (
    SELECT month_at, pace,
           coalesce(sum(round(pace * (epoch(month_at + INTERVAL 1 MONTH) - epoch(month_at)))
                        ::BIGINT) OVER (ORDER BY m ROWS BETWEEN UNBOUNDED PRECEDING
                                                           AND 1 PRECEDING), 0) AS clock_at
    FROM months
), started AS (
    SELECT p.i, p.rate, p.repeats, p.first_at,
           c.clock_at + round(c.pace * (epoch(p.first_at) - epoch(c.month_at)))::BIGINT
               AS first_clock,
           (SELECT e.clock_at + round(e.pace * (epoch($end_at) - epoch(e.month_at)))::BIGINT
            FROM clock AS e WHERE e.month_at <= $end_at ORDER BY e.month_at DESC LIMIT 1)
               AS end_clock
    FROM demo_people AS p ASOF JOIN clock AS c ON p.first_at >= c.month_at
), expected AS (
    SELECT *, rate * (end_clock - first_clock) / 604800.0 AS mean_repeats FROM started
), candidates AS (
    -- no more than the dropout allows and than a Poisson count of the time left can reach
    SELECT i, rate, first_clock, end_clock,
           unnest(range(1, least(repeats, 998, ceil(mean_repeats + 4 * sqrt(mean_repeats) + 4))
                           ::BIGINT + 1)) AS k
    FROM expected
), timed AS (
    SELECT i, k, end_clock,
           first_clock + sum(least(round(-ln(1 - demo_u4($seed, i, k, 106)) / rate * 604800),
                                   1e12)::BIGINT)
                         OVER (PARTITION BY i ORDER BY k ROWS UNBOUNDED PRECEDING) AS at_clock
    FROM candidates
)
SELECT i, 0 AS k, first_at AS ordered_at FROM started
UNION ALL
SELECT t.i, t.k, least(demo_after(c.month_at, (t.at_clock - c.clock_at) / c.pace), $end_at)
FROM timed AS t ASOF JOIN clock AS c ON t.at_clock >= c.clock_at
WHERE t.at_clock <= t.end_clock
"""

#: The plan of each customer: traits, purchases and the time they stay (until the last purchase
#: for a customer who dropped out, else the end of the data).
PLAN_SQL = """
CREATE OR REPLACE TEMP TABLE demo_plan AS
WITH bought AS (
    SELECT i, count(*) AS orders, max(ordered_at) AS last_at FROM demo_orders GROUP BY i
), lived AS (
    SELECT p.*, b.orders,
           CASE WHEN b.orders - 1 >= p.repeats THEN b.last_at ELSE $end_at END AS active_until,
           greatest(0.0, least(1.0, $loyalty[segment] + 0.7 * (demo_u($seed, i, 11) - 0.5)
                                    - 0.3 * (trouble - $trouble[segment]))) AS loyalty
    FROM demo_people AS p JOIN bought AS b USING (i)
), counted AS (
    SELECT *,
           floor($contacts[segment] * (0.3 + 1.4 * trouble) * 2 * demo_u($seed, i, 13)
                 + demo_u($seed, i, 14))::INTEGER AS contacts,
           floor(greatest(loyalty - 0.7, 0) * $referrals[segment] * demo_u($seed, i, 15))::INTEGER
               AS referrals,
           (demo_u($seed, i, 16) < $reviews[segment] * loyalty)::INTEGER AS reviews,
           -- feedback grows with the time a customer stays, so new sign-ups do not pile up
           floor($feedback[segment] * (0.4 + 1.2 * trouble) * 2 * demo_u($seed, i, 17)
                 * (0.25 + 0.75 * least((epoch(active_until) - epoch(signup_at))
                                        / (730 * 86400.0), 1.5))
                 + demo_u($seed, i, 18))::INTEGER AS feedback
    FROM lived
)
SELECT i, customer_id, segment, person, is_duplicate, signup_at, active_until, trouble, loyalty,
       spend, country_index, $country_is_ru[country_index] AS is_ru, channel, favourite_category,
       orders, contacts, referrals, reviews, feedback
FROM counted
"""

CUSTOMERS_SQL = """
INSERT INTO customers
WITH identity AS (
    SELECT p.*,
           demo_u($seed, person, 21) < 0.5 AS is_female,
           CASE WHEN is_duplicate AND demo_u($seed, i, 22) < 0.5 THEN person ELSE i END
               AS email_key,
           CASE WHEN is_duplicate AND demo_u($seed, i, 22) >= 0.5 THEN person ELSE i END
               AS phone_key
    FROM demo_plan AS p
), named AS (
    SELECT *,
           CASE WHEN is_ru THEN demo_pick(
                    CASE WHEN is_female THEN $ru_female ELSE $ru_male END, demo_u($seed, person, 23))
                ELSE demo_pick(CASE WHEN is_female THEN $en_female ELSE $en_male END,
                               demo_u($seed, person, 23)) END AS first_name,
           CASE WHEN is_ru THEN demo_pick($ru_last, demo_u($seed, person, 24))
                ELSE demo_pick($en_last, demo_u($seed, person, 24)) END AS last_name
    FROM identity
), spelled AS (
    SELECT *,
           first_name[2] AS first_latin,
           last_name[2] || CASE WHEN is_ru AND is_female THEN 'a' ELSE '' END AS last_latin,
           first_name[1] || ' ' || last_name[1]
               || CASE WHEN is_ru AND is_female THEN 'а' ELSE '' END AS full_name
    FROM named
)
SELECT customer_id, full_name,
       CASE floor(demo_u($seed, email_key, 25) * 3)::INTEGER
            WHEN 0 THEN first_latin || '.' || last_latin || email_key
            WHEN 1 THEN first_latin || email_key
            ELSE last_latin || '.' || first_latin[1] || email_key END
           || '@' || demo_pick($country_domains[country_index], demo_u($seed, email_key, 26)),
       $country_phone[country_index]
           || printf('%02d', floor(demo_u($seed, phone_key, 27) * 100)::INTEGER) || ' '
           || substr(printf('%07d', (phone_key * 7654321 + $seed) % 10000000), 1, 3) || '-'
           || substr(printf('%07d', (phone_key * 7654321 + $seed) % 10000000), 4, 2) || '-'
           || substr(printf('%07d', (phone_key * 7654321 + $seed) % 10000000), 6, 2),
       $country_names[country_index], channel, signup_at,
       json_object('gender', CASE WHEN is_female THEN 'f' ELSE 'm' END,
                   'birth_year', 1950 + floor(demo_u($seed, person, 28) * 55)::INTEGER,
                   'newsletter', demo_u($seed, i, 29) < loyalty),
       $import_id
FROM spelled
"""

TRANSACTIONS_SQL = """
INSERT INTO transactions
WITH orders AS (
    SELECT p.*, o.k, o.ordered_at FROM demo_plan AS p JOIN demo_orders AS o USING (i)
), placed AS (
    SELECT *,
           CASE WHEN demo_u4($seed, i, k, 110) < 0.75 THEN channel
                ELSE demo_pick($channel_slots, demo_u4($seed, i, k, 111)) END AS order_channel,
           1 + floor(demo_u4($seed, i, k, 112) * 2 * ($lines[segment] - 1) + 0.5)::INTEGER
               AS line_count
    FROM orders
), lines AS (
    SELECT *, unnest(range(line_count)) AS j FROM placed
), picked AS (
    SELECT *,
           CASE WHEN demo_u5($seed, i, k, j, 120) < 0.4 THEN favourite_category
                ELSE demo_pick($category_slots, demo_u5($seed, i, k, j, 121)) END AS category_index
    FROM lines
), priced AS (
    SELECT *,
           (category_index - 1) * $products_per_category + 1
               + floor(demo_u5($seed, i, k, j, 122) * $products_per_category)::INTEGER
               AS product_index,
           CASE segment WHEN 1 THEN 2 + floor(demo_u5($seed, i, k, j, 123) * 10)
                        WHEN 2 THEN 1 + floor(demo_u5($seed, i, k, j, 123) * 6)
                        ELSE 1 + (demo_u5($seed, i, k, j, 123) < 0.2)::INTEGER END AS quantity,
           demo_u5($seed, i, k, j, 125)
               < $return_rate[segment] * (0.4 + 1.2 * trouble) AS is_returned
    FROM picked
), valued AS (
    SELECT *,
           quantity * $product_price[product_index] * $price_level[segment] * spend
               * (0.9 + 0.2 * demo_u5($seed, i, k, j, 124))
               * CASE WHEN month(ordered_at) IN (11, 12) THEN $holiday_basket ELSE 1 END
               AS list_value
    FROM priced
), costed AS (
    SELECT *,
           round(list_value * (1 - $discount[segment]), 2) AS revenue,
           round(list_value * (1 - $category_margin[category_index])
                 * (0.92 + 0.16 * demo_u5($seed, i, k, j, 126)), 2) AS cost,
           demo_order_id(i, k) AS order_id,
           $product_names[product_index] AS product,
           $category_names[category_index] AS category
    FROM valued
)
SELECT customer_id, order_id, ordered_at, revenue, cost, quantity, product, category,
       order_channel, $import_id
FROM costed
UNION ALL
SELECT customer_id, order_id,
       least(demo_after(ordered_at, (3 + demo_u5($seed, i, k, j, 127) * 27) * 86400), $end_at),
       -revenue, -cost, -quantity, product, category, order_channel, $import_id
FROM costed
WHERE is_returned
"""

INTERACTIONS_SQL = """
INSERT INTO interactions
WITH contacts AS (
    SELECT p.*, unnest(range(p.contacts + p.referrals + p.reviews)) AS k FROM demo_plan AS p
), kinded AS (
    SELECT *,
           CASE WHEN k < contacts
                THEN demo_pick($contact_slots[segment], demo_u4($seed, i, k, 130))
                WHEN k < contacts + referrals THEN 'referral' ELSE 'review' END AS kind
    FROM contacts
)
SELECT customer_id,
       demo_between($seed, i, k, 131, signup_at,
                    least(demo_after(active_until, 60 * 86400), $end_at)),
       coalesce($kind_channel[list_position($kind_names, kind)], channel), kind,
       $kind_cost[list_position($kind_names, kind)], $import_id
FROM kinded
"""

#: Anonymous writers join the plan as people without an id, orders or history.
FEEDBACK_SQL = """
INSERT INTO feedback
WITH writers AS (
    SELECT i, customer_id, segment, signup_at, active_until, trouble, loyalty, is_ru, orders,
           feedback
    FROM demo_plan
    UNION ALL
    SELECT $customers + a, NULL, 4, $start_at, $end_at, demo_u($seed, $customers + a, 60),
           demo_u($seed, $customers + a, 61), demo_u($seed, $customers + a, 62) < 0.35, 0, 1
    FROM range(1, $anonymous + 1) AS r(a)
), notes AS (
    SELECT w.*, unnest(range(w.feedback)) AS k FROM writers AS w
), kinded AS (
    SELECT *,
           CASE WHEN demo_u4($seed, i, k, 140)
                     < $complaint_base + $complaint_per_trouble * trouble * trouble
                THEN 'complaint'
                WHEN demo_u4($seed, i, k, 141) < 0.1 + 0.45 * loyalty THEN 'praise'
                ELSE demo_pick($other_kinds, demo_u4($seed, i, k, 142)) END AS kind
    FROM notes
), linked AS (
    SELECT *,
           orders > 0 AND demo_u4($seed, i, k, 143)
               < CASE kind WHEN 'complaint' THEN 0.7 WHEN 'question' THEN 0.5 ELSE 0.15 END
               AS is_linked,
           floor(demo_u4($seed, i, k, 144) * orders)::BIGINT AS order_k
    FROM kinded
), ordered AS (
    SELECT l.*, o.ordered_at AS order_at
    FROM linked AS l LEFT JOIN demo_orders AS o ON o.i = l.i AND o.k = l.order_k AND l.is_linked
), dated AS (
    SELECT *,
           CASE WHEN is_linked THEN least(demo_after(
                    order_at, (0.5 + demo_u4($seed, i, k, 145) * 14) * 86400), $end_at)
                ELSE demo_between($seed, i, k, 146, signup_at,
                                  least(demo_after(active_until, 30 * 86400), $end_at))
           END AS created_at,
           greatest(0.0, least(0.999, CASE
               WHEN kind = 'complaint' THEN 0.05 + 0.4 * demo_u4($seed, i, k, 147)
               WHEN kind = 'praise' THEN 0.8 + 0.2 * demo_u4($seed, i, k, 147)
               -- most dissatisfied customers never complain: some of them score low all the same
               WHEN demo_u4($seed, i, k, 155) < 0.12 * trouble THEN 0.3 * demo_u4($seed, i, k, 147)
               ELSE 0.5 + 0.5 * loyalty + 0.3 * demo_u4($seed, i, k, 147) - 0.5 * trouble * trouble
               END)) AS mood,
           demo_u4($seed, i, k, 148) * CASE WHEN kind = 'complaint' THEN 1.6 ELSE 1.0 END
               AS u_scale
    FROM ordered
), answered AS (
    SELECT *,
           demo_u4($seed, i, k, 149) < CASE
               WHEN kind IN ('complaint', 'question')
                   THEN CASE WHEN created_at < $end_at - INTERVAL 30 DAY THEN 0.93 ELSE 0.6 END
               WHEN kind IN ('suggestion', 'wish') THEN 0.35 ELSE 0 END AS is_answered,
           CASE WHEN kind = 'complaint' THEN 1.5 ELSE 1.0 END
               * exp(ln(2) + demo_u4($seed, i, k, 150) * ln(400)) * 3600 AS lag_seconds,
           CASE WHEN is_ru THEN demo_u4($seed, i, k, 151) < 0.9
                ELSE demo_u4($seed, i, k, 151) < 0.03 END AS in_russian
    FROM dated
)
SELECT CASE WHEN customer_id IS NULL THEN printf('FA%07d', i - $customers)
            ELSE printf('F%07d%03d', i, k) END,
       customer_id,
       CASE WHEN is_linked THEN demo_order_id(i, order_k) END,
       created_at, kind,
       CASE WHEN u_scale < 0.62 THEN floor(mood * 11)
            WHEN u_scale < 0.82 THEN 1 + floor(mood * 5) END,
       CASE WHEN u_scale < 0.62 THEN 'nps_0_10' WHEN u_scale < 0.82 THEN 'rating_1_5' END,
       CASE WHEN u_scale < 0.62 AND demo_u4($seed, i, k, 152) < 0.6 THEN 'survey'
            ELSE demo_pick($feedback_channel_slots, demo_u4($seed, i, k, 153)) END,
       demo_pick(CASE WHEN in_russian THEN $texts_ru ELSE $texts_en END
                     [list_position($feedback_kinds, kind)], demo_u4($seed, i, k, 154)),
       CASE WHEN is_answered AND demo_after(created_at, lag_seconds) <= $end_at
            THEN demo_after(created_at, lag_seconds) END,
       $import_id
FROM answered
"""

#: The demo's finished campaign: a share of its target group (never its control group) answers
#: the offer with one extra order in the window, front-loaded like real responses. The audience
#: and its control group are drawn by dashboard.campaigns.design, as for any campaign.
CAMPAIGN_SQL = """
INSERT INTO transactions
WITH answered AS (
    SELECT p.*
    FROM demo_plan AS p
    JOIN campaign_members AS m ON m.customer_id = p.customer_id
    WHERE m.campaign_id = $campaign_id AND m.grp = 'target'
      AND demo_u($seed, p.i, 90) < $campaign_lift
), priced AS (
    SELECT *,
           demo_after($campaign_start, pow(demo_u($seed, i, 91), 2) * $campaign_seconds)
               AS ordered_at,
           (favourite_category - 1) * $products_per_category + 1
               + floor(demo_u($seed, i, 92) * $products_per_category)::INTEGER AS product_index
    FROM answered
), valued AS (
    SELECT *,
           $product_price[product_index] * $price_level[segment] * spend
               * (0.9 + 0.2 * demo_u($seed, i, 93)) AS list_value
    FROM priced
)
SELECT customer_id, demo_order_id(i, 999), ordered_at,
       round(list_value * (1 - $campaign_discount), 2),
       round(list_value * (1 - $category_margin[favourite_category]), 2), 1,
       $product_names[product_index], $category_names[favourite_category], channel, $import_id
FROM valued
"""

#: Share of wallet: 40% of the customers state their annual spend in the category at every shop
#: (the customers file's "annual_category_spend"): what they bought from us in a year of their
#: time as customers (at least a year) ÷ the share of it we win (drawn from 8% to 88%), in tens.
WALLET_SQL = """
UPDATE customers AS c
SET attributes = json_merge_patch(c.attributes, json_object('annual_category_spend', w.spend))
FROM (
    SELECT p.customer_id,
           round(b.revenue * 365.0 / greatest(365, date_diff('day', p.signup_at, p.active_until))
                 / (0.08 + 0.8 * pow(demo_u($seed, p.i, 91), 1.5)), -1)::BIGINT AS spend
    FROM demo_plan AS p
    JOIN (SELECT customer_id, sum(revenue) AS revenue FROM transactions
          WHERE revenue > 0 AND import_id = $import_id GROUP BY customer_id) AS b USING (customer_id)
    WHERE demo_u($seed, p.i, 90) < 0.4
) AS w
WHERE c.customer_id = w.customer_id AND c.import_id = $import_id AND w.spend > 0
"""
