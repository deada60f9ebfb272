"""BatchGetItem, BatchWriteItem (also through boto3's batch_writer),
TransactWriteItems and TransactGetItems through boto3, with cancelled
transactions as botocore raises them."""

import pytest
from botocore.exceptions import ClientError

from conftest import error_of


def key(value):
    return {"pk": {"S": value}}


def test_batch_write_and_get(client, make_table):
    first, second = make_table(), make_table()
    written = client.batch_write_item(
        RequestItems={
            first: [
                {"PutRequest": {"Item": {**key(f"k{i}"), "v": {"N": str(i)}}}} for i in range(20)
            ],
            second: [{"PutRequest": {"Item": {**key("other"), "b": {"B": b"\x00\x01"}}}}],
        }
    )
    assert written["UnprocessedItems"] == {}

    deleted = client.batch_write_item(
        RequestItems={
            first: [
                {"DeleteRequest": {"Key": key("k0")}},
                {"DeleteRequest": {"Key": key("k1")}},
                {"PutRequest": {"Item": {**key("k2"), "v": {"N": "200"}}}},
            ]
        }
    )
    assert deleted["UnprocessedItems"] == {}

    got = client.batch_get_item(
        RequestItems={
            first: {
                "Keys": [key("k0"), key("k2"), key("k19"), key("absent")],
                "ProjectionExpression": "pk, v",
                "ConsistentRead": True,
            },
            second: {"Keys": [key("other")]},
        }
    )
    assert got["UnprocessedKeys"] == {}
    by_key = {i["pk"]["S"]: i for i in got["Responses"][first]}
    assert by_key == {
        "k2": {**key("k2"), "v": {"N": "200"}},
        "k19": {**key("k19"), "v": {"N": "19"}},
    }
    assert got["Responses"][second] == [{**key("other"), "b": {"B": b"\x00\x01"}}]
    assert client.scan(TableName=first, Select="COUNT")["Count"] == 18


def test_batch_errors(client, make_table):
    table = make_table()
    with pytest.raises(ClientError) as e:
        client.batch_get_item(RequestItems={table: {"Keys": [key("a"), key("a")]}})
    assert error_of(e) == ("ValidationException", "Provided list of item keys contains duplicates")

    with pytest.raises(ClientError) as e:
        client.batch_write_item(
            RequestItems={
                table: [
                    {"PutRequest": {"Item": key("a")}},
                    {"DeleteRequest": {"Key": key("a")}},
                ]
            }
        )
    assert error_of(e) == ("ValidationException", "Provided list of item keys contains duplicates")

    with pytest.raises(client.exceptions.ResourceNotFoundException) as e:
        client.batch_get_item(RequestItems={"no-such-table": {"Keys": [key("a")]}})
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found")

    with pytest.raises(client.exceptions.ResourceNotFoundException) as e:
        client.batch_write_item(
            RequestItems={"no-such-table": [{"PutRequest": {"Item": key("a")}}]}
        )
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found")

    # A bad item fails the whole batch: nothing is written.
    with pytest.raises(ClientError) as e:
        client.batch_write_item(
            RequestItems={
                table: [
                    {"PutRequest": {"Item": key("good")}},
                    {"PutRequest": {"Item": {"pk": {"N": "1"}}}},
                ]
            }
        )
    code, message = error_of(e)
    assert code == "ValidationException"
    assert message.endswith(
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"
    )
    assert client.scan(TableName=table)["Count"] == 0


def test_resource_batch_writer(resource, client, make_table):
    table = resource.Table(make_table())
    with table.batch_writer(overwrite_by_pkeys=["pk"]) as writer:
        for i in range(60):  # three BatchWriteItem calls of at most 25
            writer.put_item(Item={"pk": f"w{i}", "n": i, "tags": {"a", f"t{i}"}})
        writer.put_item(Item={"pk": "w0", "n": -1})  # replaces the pending put
        writer.delete_item(Key={"pk": "w59"})
    assert client.scan(TableName=table.name, Select="COUNT")["Count"] == 59
    assert table.get_item(Key={"pk": "w0"})["Item"] == {"pk": "w0", "n": -1}
    assert table.get_item(Key={"pk": "w7"})["Item"]["tags"] == {"a", "t7"}
    assert "Item" not in table.get_item(Key={"pk": "w59"})

    got = resource.batch_get_item(
        RequestItems={table.name: {"Keys": [{"pk": "w1"}, {"pk": "w2"}]}}
    )
    assert sorted(i["n"] for i in got["Responses"][table.name]) == [1, 2]


def test_transact_write_and_get(client, make_table):
    table, other = make_table(), make_table()
    client.put_item(TableName=table, Item={**key("counter"), "n": {"N": "1"}})
    client.put_item(TableName=table, Item={**key("doomed"), "n": {"N": "0"}})
    client.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": table, "Item": {**key("new"), "s": {"SS": ["x"]}},
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Update": {"TableName": table, "Key": key("counter"),
                        "UpdateExpression": "ADD n :one",
                        "ConditionExpression": "n = :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}}}},
            {"Delete": {"TableName": table, "Key": key("doomed")}},
            {"ConditionCheck": {"TableName": other, "Key": key("absent"),
                                "ConditionExpression": "attribute_not_exists(pk)"}},
        ]
    )
    got = client.transact_get_items(
        TransactItems=[
            {"Get": {"TableName": table, "Key": key("new")}},
            {"Get": {"TableName": table, "Key": key("counter"), "ProjectionExpression": "n"}},
            {"Get": {"TableName": table, "Key": key("doomed")}},
        ]
    )
    assert got["Responses"] == [
        {"Item": {**key("new"), "s": {"SS": ["x"]}}},
        {"Item": {"n": {"N": "2"}}},
        {},
    ]


def test_transact_write_cancelled(client, make_table):
    table = make_table()
    client.put_item(TableName=table, Item={**key("exists"), "v": {"N": "1"}})
    client.put_item(TableName=table, Item={**key("checked"), "v": {"N": "1"}})
    with pytest.raises(client.exceptions.TransactionCanceledException) as e:
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {**key("fresh"), "v": {"N": "1"}}}},
                {"Put": {"TableName": table, "Item": {**key("exists"), "v": {"N": "2"}},
                         "ConditionExpression": "attribute_not_exists(pk)",
                         "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
                {"ConditionCheck": {"TableName": table, "Key": key("checked"),
                                    "ConditionExpression": "v = :v",
                                    "ExpressionAttributeValues": {":v": {"N": "1"}}}},
            ]
        )
    assert error_of(e) == (
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, ConditionalCheckFailed, None]",
    )
    assert e.value.response["CancellationReasons"] == [
        {"Code": "None"},
        {
            "Code": "ConditionalCheckFailed",
            "Message": "The conditional request failed",
            "Item": {**key("exists"), "v": {"N": "1"}},
        },
        {"Code": "None"},
    ]
    # Nothing was written.
    assert "Item" not in client.get_item(TableName=table, Key=key("fresh"))
    assert client.get_item(TableName=table, Key=key("exists"))["Item"]["v"] == {"N": "1"}


def test_transact_errors(client, make_table):
    table = make_table()
    with pytest.raises(ClientError) as e:
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": key("same")}},
                {"Delete": {"TableName": table, "Key": key("same")}},
            ]
        )
    assert error_of(e) == (
        "ValidationException",
        "Transaction request cannot include multiple operations on one item",
    )

    with pytest.raises(client.exceptions.ResourceNotFoundException) as e:
        client.transact_get_items(
            TransactItems=[{"Get": {"TableName": "no-such-table", "Key": key("a")}}]
        )
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found")

    # A key of the wrong type cancels the transaction with a ValidationError.
    with pytest.raises(client.exceptions.TransactionCanceledException) as e:
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": key("fine")}},
                {"Put": {"TableName": table, "Item": {"pk": {"N": "1"}}}},
            ]
        )
    assert error_of(e)[1] == (
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, ValidationError]"
    )
    assert e.value.response["CancellationReasons"] == [
        {"Code": "None"},
        {
            "Code": "ValidationError",
            "Message": "One or more parameter values were invalid: Type mismatch for key pk "
            "expected: S actual: N",
        },
    ]
    assert client.scan(TableName=table)["Count"] == 0
