"""Query and Scan through boto3: key conditions, filters, paging by hand and
with botocore's paginators, parallel scan segments, and their errors."""

import pytest
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from conftest import error_of, unique_table_name

ROWS = 25  # items in partition "p", sort keys 0..24


@pytest.fixture(scope="module")
def table(client):
    name = unique_table_name("query")
    client.create_table(
        TableName=name,
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    for sk in range(ROWS):
        client.put_item(
            TableName=name,
            Item={
                "pk": {"S": "p"},
                "sk": {"N": str(sk)},
                "even": {"BOOL": sk % 2 == 0},
                "v": {"N": str(sk * 10)},
                "label": {"S": f"item-{sk:02d}"},
            },
        )
    for sk in range(5):
        client.put_item(TableName=name, Item={"pk": {"S": "q"}, "sk": {"N": str(sk)}})
    yield name
    client.delete_table(TableName=name)


def sort_keys(items):
    return [int(i["sk"]["N"]) for i in items]


def query(client, table, **kwargs):
    values = {":p": {"S": "p"}, **kwargs.pop("values", {})}
    condition = kwargs.pop("condition", "pk = :p")
    return client.query(
        TableName=table,
        KeyConditionExpression=condition,
        ExpressionAttributeValues=values,
        **kwargs,
    )


def test_query_key_conditions(client, table):
    assert sort_keys(query(client, table)["Items"]) == list(range(ROWS))
    between = query(
        client,
        table,
        condition="pk = :p AND sk BETWEEN :lo AND :hi",
        values={":lo": {"N": "5"}, ":hi": {"N": "14"}},
    )
    assert sort_keys(between["Items"]) == list(range(5, 15))
    assert between["Count"] == between["ScannedCount"] == 10
    assert "LastEvaluatedKey" not in between

    greater = query(client, table, condition="pk = :p AND sk > :x", values={":x": {"N": "20.5"}})
    assert sort_keys(greater["Items"]) == [21, 22, 23, 24]

    backwards = query(client, table, ScanIndexForward=False, Limit=3)
    assert sort_keys(backwards["Items"]) == [24, 23, 22]
    assert backwards["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"N": "22"}}

    other = query(client, table, values={":p": {"S": "q"}})
    assert sort_keys(other["Items"]) == [0, 1, 2, 3, 4]


def test_query_filter_projection_and_select(client, table):
    filtered = query(
        client, table, FilterExpression="even = :t", values={":t": {"BOOL": True}}
    )
    assert sort_keys(filtered["Items"]) == list(range(0, ROWS, 2))
    assert filtered["Count"] == 13
    assert filtered["ScannedCount"] == ROWS

    # Limit counts items read, before the filter.
    limited = query(
        client, table, FilterExpression="even = :t", values={":t": {"BOOL": True}}, Limit=5
    )
    assert sort_keys(limited["Items"]) == [0, 2, 4]
    assert limited["ScannedCount"] == 5
    assert limited["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"N": "4"}}

    projected = query(
        client,
        table,
        condition="pk = :p AND sk = :three",
        values={":three": {"N": "3"}},
        ProjectionExpression="#l, v",
        ExpressionAttributeNames={"#l": "label"},
    )
    assert projected["Items"] == [{"label": {"S": "item-03"}, "v": {"N": "30"}}]

    counted = query(client, table, Select="COUNT")
    assert counted["Count"] == ROWS
    assert "Items" not in counted


def test_query_paging_by_hand(client, table):
    seen, start, pages = [], None, 0
    while True:
        kwargs = {"Limit": 4}
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = query(client, table, **kwargs)
        assert page["Count"] <= 4
        seen += sort_keys(page["Items"])
        pages += 1
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    assert seen == list(range(ROWS))
    assert pages == 7


def test_query_paginator(client, table):
    paginator = client.get_paginator("query")
    arguments = dict(
        TableName=table,
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "p"}},
    )
    pages = list(paginator.paginate(**arguments, PaginationConfig={"PageSize": 6}))
    assert [p["Count"] for p in pages][:4] == [6, 6, 6, 6]
    assert sort_keys([i for p in pages for i in p["Items"]]) == list(range(ROWS))

    first = paginator.paginate(
        **arguments, PaginationConfig={"PageSize": 4, "MaxItems": 10}
    ).build_full_result()
    assert sort_keys(first["Items"]) == list(range(10))
    assert "NextToken" in first
    rest = paginator.paginate(
        **arguments, PaginationConfig={"PageSize": 4, "StartingToken": first["NextToken"]}
    ).build_full_result()
    assert sort_keys(rest["Items"]) == list(range(10, ROWS))
    assert "NextToken" not in rest


def test_query_resource_api(resource, table):
    t = resource.Table(table)
    result = t.query(
        KeyConditionExpression=Key("pk").eq("p") & Key("sk").between(3, 6),
        FilterExpression=Attr("label").begins_with("item-0"),
    )
    assert [int(i["sk"]) for i in result["Items"]] == [3, 4, 5, 6]


def test_query_errors(client, table):
    with pytest.raises(ClientError) as e:
        client.query(
            TableName=table,
            KeyConditionExpression="sk = :s",
            ExpressionAttributeValues={":s": {"N": "1"}},
        )
    assert error_of(e) == ("ValidationException", "Query condition missed key schema element: pk")

    # Query words a start key without the sort key more briefly than Scan.
    with pytest.raises(ClientError) as e:
        query(client, table, ExclusiveStartKey={"pk": {"S": "p"}})
    assert error_of(e) == ("ValidationException", "The provided starting key is invalid")
    with pytest.raises(ClientError) as e:
        client.scan(TableName=table, ExclusiveStartKey={"pk": {"S": "p"}})
    assert error_of(e) == (
        "ValidationException",
        "The provided starting key is invalid: The provided key element does not match the "
        "schema",
    )

    with pytest.raises(ClientError) as e:
        client.query(
            TableName=table,
            KeyConditionExpression="pk = :p AND",
            ExpressionAttributeValues={":p": {"S": "p"}},
        )
    code, message = error_of(e)
    assert code == "ValidationException"
    assert message.startswith('Invalid KeyConditionExpression: Syntax error; token: "<EOF>"')


def test_scan_filter_and_paging(client, table):
    everything = client.scan(TableName=table, ConsistentRead=True)
    assert everything["Count"] == everything["ScannedCount"] == ROWS + 5

    filtered = client.scan(
        TableName=table,
        FilterExpression="v >= :v AND pk = :p",
        ExpressionAttributeValues={":v": {"N": "200"}, ":p": {"S": "p"}},
    )
    assert sorted(sort_keys(filtered["Items"])) == [20, 21, 22, 23, 24]
    assert filtered["ScannedCount"] == ROWS + 5

    keys, start = [], None
    while True:
        kwargs = {"Limit": 7}
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = client.scan(TableName=table, **kwargs)
        assert page["ScannedCount"] <= 7
        keys += [(i["pk"]["S"], i["sk"]["N"]) for i in page["Items"]]
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    assert len(keys) == len(set(keys)) == ROWS + 5

    paginated = client.get_paginator("scan").paginate(
        TableName=table, Select="COUNT", PaginationConfig={"PageSize": 8}
    )
    assert sum(p["Count"] for p in paginated) == ROWS + 5


def test_parallel_scan_segments(client, table):
    total = 4
    segments = []
    for segment in range(total):
        keys, start = set(), None
        while True:
            kwargs = {"Segment": segment, "TotalSegments": total, "Limit": 5}
            if start:
                kwargs["ExclusiveStartKey"] = start
            page = client.scan(TableName=table, **kwargs)
            keys |= {(i["pk"]["S"], i["sk"]["N"]) for i in page["Items"]}
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        segments.append(keys)
    union = set().union(*segments)
    assert len(union) == ROWS + 5
    assert sum(len(s) for s in segments) == len(union)  # disjoint

    with pytest.raises(ClientError) as e:
        client.scan(TableName=table, Segment=4, TotalSegments=4)
    assert error_of(e) == (
        "ValidationException",
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: 4 is not less than TotalSegments: 4",
    )
    with pytest.raises(ClientError) as e:
        client.scan(TableName=table, TotalSegments=4)
    assert error_of(e) == (
        "ValidationException",
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present",
    )
