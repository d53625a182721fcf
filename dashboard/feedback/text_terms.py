"""What customers write about: the top TF-IDF terms of feedback texts per kind and period."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from dashboard.errors import AnalysisError
from dashboard.feedback.trends import check_frequency, feedback_where
from dashboard.store.filters import Filters

#: Words of any alphabet (Latin, Cyrillic, ...), three letters or more; digits and "_" are not words.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"
#: Texts beyond this many are sampled (evenly, repeatably): TF-IDF needs a sample, not a census.
MAX_TEXTS = 20_000

_ENGLISH = """
about above after again against all also and any are because been before being below between
both but can cannot could did does doing down during each even ever every few for from further
get got had has have having her here hers herself him himself his how into its itself just
like more most much must myself nor not now off once only other our ours ourselves out over own
please really same shall she should some such than that the their theirs them themselves then
there these they this those through too under until very was were what when where which while
who whom why will with would you your yours yourself yourselves still yet was one two thanks
thank would could also one get got
"""

_RUSSIAN = """
без более больше будет будто бы был была были было быть вам вас весь вот все всего всех всё
где даже для его ее её если есть еще ещё же зачем здесь или иногда как какая какой когда
кто куда лучше между меня мне много может можно мой моя мы надо над наконец нас него нее неё
нельзя нет ним них ничего однако она они опять очень перед под после потом потому почти при
про раз разве сам себе себя сейчас снова совсем так такой там тебя тем теперь то тогда того
тоже только том тот три тут уже хоть чего чем через что чтоб чтобы чуть эти этого этой этом
этот эту это вы ты он его ей им их наш наша наше наши ваш ваша ваши свой свою свои которые
который которая которое спасибо пожалуйста
"""
STOP_WORDS_EN = frozenset(_ENGLISH.split())
STOP_WORDS_RU = frozenset(_RUSSIAN.split())
STOP_WORDS = STOP_WORDS_EN | STOP_WORDS_RU


def feedback_texts(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    freq: str = "month",
    max_texts: int = MAX_TEXTS,
) -> pd.DataFrame:
    """Feedback texts of the range with their kind and period: kind, period, text.

    When there are more than ``max_texts`` texts a repeatable sample of that many is returned.
    """
    where, params = feedback_where(filters)
    sql = f"""
    WITH texts AS (
        SELECT f.kind, date_trunc(?, f.created_at) AS period, f.text,
               hash(coalesce(f.feedback_id, ''), f.text, f.created_at) AS draw
        FROM feedback f
        WHERE f.text IS NOT NULL AND length(trim(f.text)) > 0 AND {where}
    )
    SELECT kind, period, text FROM texts ORDER BY draw LIMIT ?
    """
    return conn.execute(sql, [check_frequency(freq), *params, int(max_texts)]).df()


def _vectorize(texts: pd.Series):
    vectorizer = TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        lowercase=True,
        stop_words=sorted(STOP_WORDS),
        sublinear_tf=True,
        min_df=1,
        max_features=50_000,
    )
    try:
        matrix = vectorizer.fit_transform(texts.astype(str))
    except ValueError as e:  # every text was empty or only stop words
        raise AnalysisError(
            "The feedback texts hold no words to analyse (only numbers, very short words or "
            "common words): widen the date range or import feedback with text.",
            key="errors.no_words",
        ) from e
    return matrix, vectorizer.get_feature_names_out()


def top_terms(
    texts: pd.DataFrame, by: tuple[str, ...] = ("kind",), n_terms: int = 10
) -> pd.DataFrame:
    """The terms that weigh most (mean TF-IDF) in each group of texts, with an example text.

    Parameters
    ----------
    texts : pandas.DataFrame
        A ``text`` column and the columns named in ``by`` (e.g. from :func:`feedback_texts`).
    by : tuple of str
        The columns that make a group: ("kind",) or ("kind", "period").
    n_terms : int
        How many terms per group.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, rank (1 = heaviest), term, weight, texts (how many texts of the group
        use the term) and example (the shortest such text).
    """
    if n_terms < 1:
        raise AnalysisError("Ask for at least one term per group.", key="errors.terms_count")
    missing = {"text", *by} - set(texts.columns)
    if missing:
        raise AnalysisError(
            f"The texts lack the columns {sorted(missing)}.",
            key="errors.texts_columns",
            columns=str(sorted(missing)),
        )
    columns = [*by, "rank", "term", "weight", "texts", "example"]
    if texts.empty:
        return pd.DataFrame(columns=columns)
    texts = texts.reset_index(drop=True)
    matrix, vocabulary = _vectorize(texts["text"])
    lengths = texts["text"].str.len().to_numpy()
    rows = []
    for key, index in texts.groupby(list(by), sort=True).indices.items():
        key = key if isinstance(key, tuple) else (key,)
        rows.extend(
            _group_terms(
                key,
                matrix[index],
                vocabulary,
                texts["text"].to_numpy()[index],
                lengths[index],
                n_terms,
            )
        )
    return pd.DataFrame(rows, columns=columns)


def _group_terms(key, matrix, vocabulary, group_texts, lengths, n_terms) -> list[tuple]:
    weights = np.asarray(matrix.mean(axis=0)).ravel()
    used = np.asarray((matrix > 0).sum(axis=0)).ravel()
    order = [i for i in np.argsort(-weights, kind="stable")[:n_terms] if weights[i] > 0]
    rows = []
    for rank, column in enumerate(order, start=1):
        holders = matrix[:, column].nonzero()[0]
        example = group_texts[holders[np.argmin(lengths[holders])]]
        rows.append(
            (*key, rank, vocabulary[column], float(weights[column]), int(used[column]), example)
        )
    return rows
