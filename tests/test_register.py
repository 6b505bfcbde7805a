"""The operations register folds mentions by normalised name across documents."""
from datetime import date

import pyarrow as pa

from pipeline.store.register import build_register
from schemas.arrow import arrow_schema
from schemas.records import OperationRegisterRow


def test_one_row_per_name_with_kind_dates_forces_and_spellings():
    # essex-police-crime-plan-2021-22-q3 names GOLDCREST as "Project Goldcrest" then "Operation Goldcrest",
    # and RAPTOR three ways; a second document names RAPTOR again
    operations = pa.table({
        "doc_id": ["q3", "q3", "q3", "q3", "q3", "other"],
        "name": ["GOLDCREST", "GOLDCREST", "RAPTOR", "RAPTOR", "RAPTOR", "RAPTOR"],
        "kind": ["project", "operation", "operation", "operation", "operation", "operation"],
        "mention": ["Project Goldcrest", "Operation Goldcrest", "Operation Raptor", "Op Raptor teams", "Op. RAPTOR",
                    "Operation Raptor"],
    })
    documents = pa.table({"doc_id": ["q3", "other"], "published": [date(2021, 12, 21), date(2022, 3, 1)],
                          "force": ["Essex Police", "Essex Police"]})
    rows = {r.name: r for r in build_register(operations, documents)}
    assert list(rows) == ["GOLDCREST", "RAPTOR"]
    assert rows["GOLDCREST"].kind == "project"  # a tie goes to the first mention's kind
    assert rows["GOLDCREST"].mentions == ["Project Goldcrest", "Operation Goldcrest"]
    raptor = rows["RAPTOR"]
    assert (raptor.n_documents, raptor.doc_ids, raptor.forces) == (2, ["other", "q3"], ["Essex Police"])
    assert (raptor.first_seen, raptor.last_seen) == (date(2021, 12, 21), date(2022, 3, 1))
    table = pa.Table.from_pylist([r.model_dump() for r in rows.values()], schema=arrow_schema(OperationRegisterRow))
    assert table.num_rows == 2


def test_documents_without_dates_or_an_empty_table():
    operations = pa.table({"doc_id": ["a"], "name": ["GALAXY"], "kind": ["operation"], "mention": ["Operation Galaxy"]})
    documents = pa.table({"doc_id": ["a"], "published": pa.array([None], pa.date32()), "force": ["Humberside Police"]})
    (row,) = build_register(operations, documents)
    assert (row.first_seen, row.last_seen, row.forces) == (None, None, ["Humberside Police"])
    assert build_register(operations.slice(0, 0), documents) == []
