"""PutItem, GetItem, DeleteItem and UpdateItem through boto3's client and
resource APIs: every attribute type, conditions, ReturnValues and the
errors as botocore raises them."""

from decimal import Decimal

import pytest
from boto3.dynamodb.conditions import Attr
from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from conftest import error_of


def normalized(item):
    """Sets come back in any order: compare them as sorted lists."""
    out = {}
    for name, value in item.items():
        ((kind, v),) = value.items()
        if kind in ("SS", "NS", "BS"):
            v = sorted(v)
        elif kind == "L":
            v = [normalized({"x": e})["x"] for e in v]
        elif kind == "M":
            v = normalized(v)
        out[name] = {kind: v}
    return out


EVERY_TYPE = {
    "pk": {"S": "every-type"},
    "s": {"S": "h\u00e9llo \u2603 \U0001f600"},
    "empty": {"S": ""},
    "n": {"N": "-12.5"},
    "big": {"N": "12345678901234567890123456789012345678"},
    "b": {"B": b"\x00\x01\x02\xff"},
    "t": {"BOOL": True},
    "f": {"BOOL": False},
    "null": {"NULL": True},
    "ss": {"SS": ["b", "a", "c"]},
    "ns": {"NS": ["3", "1.5", "-2"]},
    "bs": {"BS": [b"\x01", b"\x00", b"\xff\xfe"]},
    "l": {"L": [{"S": "x"}, {"N": "1"}, {"L": []}, {"M": {}}, {"NULL": True}]},
    "m": {"M": {"nest_a": {"M": {"leaf_b": {"SS": ["z"]}}}, "bin": {"B": b"\x10"}}},
}


def test_put_get_delete_every_type(client, make_table):
    table = make_table()
    assert client.put_item(TableName=table, Item=EVERY_TYPE).get("Attributes") is None
    got = client.get_item(TableName=table, Key={"pk": {"S": "every-type"}}, ConsistentRead=True)
    assert normalized(got["Item"]) == normalized(EVERY_TYPE)

    projected = client.get_item(
        TableName=table,
        Key={"pk": {"S": "every-type"}},
        ProjectionExpression="m.nest_a.leaf_b, l[1], #n",
        ExpressionAttributeNames={"#n": "n"},
    )
    assert projected["Item"] == {
        "m": {"M": {"nest_a": {"M": {"leaf_b": {"SS": ["z"]}}}}},
        "l": {"L": [{"N": "1"}]},
        "n": {"N": "-12.5"},
    }

    deleted = client.delete_item(
        TableName=table, Key={"pk": {"S": "every-type"}}, ReturnValues="ALL_OLD"
    )
    assert normalized(deleted["Attributes"]) == normalized(EVERY_TYPE)
    assert "Item" not in client.get_item(TableName=table, Key={"pk": {"S": "every-type"}})
    # Deleting a missing item succeeds and returns nothing.
    again = client.delete_item(
        TableName=table, Key={"pk": {"S": "every-type"}}, ReturnValues="ALL_OLD"
    )
    assert "Attributes" not in again


def test_binary_and_number_keys(client, make_table):
    table = make_table(hash=("id", "B"), range=("n", "N"))
    key = {"id": {"B": b"\x00key\xff"}, "n": {"N": "7"}}
    client.put_item(TableName=table, Item={**key, "v": {"S": "bin"}})
    assert client.get_item(TableName=table, Key=key)["Item"]["v"] == {"S": "bin"}
    # Numbers are compared as numbers, not as text.
    other = {"id": {"B": b"\x00key\xff"}, "n": {"N": "7.000"}}
    assert client.get_item(TableName=table, Key=other)["Item"]["n"] == {"N": "7"}


def test_numbers_come_back_normalized(client, make_table):
    table = make_table()
    client.put_item(
        TableName=table,
        Item={
            "pk": {"S": "num"},
            "a": {"N": "1.50"},
            "b": {"N": "1E+2"},
            "c": {"N": "-0"},
            "d": {"N": "0.000100"},
        },
    )
    item = client.get_item(TableName=table, Key={"pk": {"S": "num"}})["Item"]
    assert item["a"] == {"N": "1.5"}
    assert item["b"] == {"N": "100"}
    assert item["c"] == {"N": "0"}
    assert item["d"] == {"N": "0.0001"}


def test_type_serializer_round_trip(client, make_table):
    table = make_table()
    python_item = {
        "pk": "serialized",
        "str": "text",
        "int": 42,
        "dec": Decimal("3.14159"),
        "neg": Decimal("-1E+5"),
        "bytes": Binary(b"\x00\xff"),
        "yes": True,
        "none": None,
        "list": [1, "two", [Decimal("3")], {"four": 4}],
        "map": {"a": {"b": {"c": "d"}}},
        "strs": {"x", "y"},
        "nums": {Decimal("1"), Decimal("2.5")},
        "bins": {Binary(b"a"), Binary(b"b")},
    }
    serializer, deserializer = TypeSerializer(), TypeDeserializer()
    client.put_item(
        TableName=table, Item={k: serializer.serialize(v) for k, v in python_item.items()}
    )
    got = client.get_item(TableName=table, Key={"pk": serializer.serialize("serialized")})["Item"]
    back = {k: deserializer.deserialize(v) for k, v in got.items()}
    assert back == {**python_item, "neg": Decimal("-100000")}


def test_resource_table_put_get(resource, make_table):
    table = resource.Table(make_table(range=("sk", "N")))
    item = {
        "pk": "resource",
        "sk": 1,
        "price": Decimal("19.99"),
        "tags": {"new", "sale"},
        "blob": Binary(b"\x01\x02"),
        "nested": {"list": [True, None, "s"]},
    }
    table.put_item(Item=item)
    got = table.get_item(Key={"pk": "resource", "sk": 1}, ConsistentRead=True)["Item"]
    assert got == {**item, "sk": Decimal(1)}

    with pytest.raises(ClientError) as e:
        table.put_item(
            Item={"pk": "resource", "sk": 1}, ConditionExpression=Attr("pk").not_exists()
        )
    assert error_of(e) == ("ConditionalCheckFailedException", "The conditional request failed")

    table.put_item(
        Item={"pk": "resource", "sk": 1, "price": Decimal("5")},
        ConditionExpression=Attr("price").gt(Decimal("10")) & Attr("tags").contains("sale"),
    )
    assert table.get_item(Key={"pk": "resource", "sk": 1})["Item"]["price"] == Decimal("5")


def test_conditional_put_and_delete(client, make_table):
    table = make_table()
    key = {"pk": {"S": "cond"}}
    client.put_item(
        TableName=table,
        Item={**key, "v": {"N": "1"}},
        ConditionExpression="attribute_not_exists(pk)",
    )
    with pytest.raises(client.exceptions.ConditionalCheckFailedException) as e:
        client.put_item(
            TableName=table,
            Item={**key, "v": {"N": "2"}},
            ConditionExpression="attribute_not_exists(pk)",
        )
    assert error_of(e) == ("ConditionalCheckFailedException", "The conditional request failed")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert e.value.operation_name == "PutItem"

    with pytest.raises(client.exceptions.ConditionalCheckFailedException):
        client.delete_item(
            TableName=table,
            Key=key,
            ConditionExpression="v = :two",
            ExpressionAttributeValues={":two": {"N": "2"}},
        )
    assert client.get_item(TableName=table, Key=key)["Item"]["v"] == {"N": "1"}

    old = client.put_item(
        TableName=table,
        Item={**key, "v": {"N": "3"}},
        ConditionExpression="v = :one AND size(pk) = :four",
        ExpressionAttributeValues={":one": {"N": "1"}, ":four": {"N": "4"}},
        ReturnValues="ALL_OLD",
    )
    assert old["Attributes"] == {**key, "v": {"N": "1"}}

    client.delete_item(
        TableName=table,
        Key=key,
        ConditionExpression="attribute_exists(#v)",
        ExpressionAttributeNames={"#v": "v"},
    )
    assert "Item" not in client.get_item(TableName=table, Key=key)


def test_update_item_set_add_remove_and_return_values(client, make_table):
    table = make_table()
    key = {"pk": {"S": "upd"}}
    created = client.update_item(
        TableName=table,
        Key=key,
        UpdateExpression="SET a = :a, n = :zero, gone = :a, l = :l",
        ExpressionAttributeValues={
            ":a": {"S": "x"},
            ":zero": {"N": "0"},
            ":l": {"L": [{"N": "1"}]},
        },
        ReturnValues="ALL_OLD",
    )
    assert "Attributes" not in created

    updated_new = client.update_item(
        TableName=table,
        Key=key,
        UpdateExpression=(
            "SET n = n + :one, l = list_append(l, :more), fresh = if_not_exists(fresh, :a) "
            "REMOVE gone ADD cnt :one, tags :tags"
        ),
        ExpressionAttributeValues={
            ":one": {"N": "1"},
            ":more": {"L": [{"N": "2"}]},
            ":a": {"S": "new"},
            ":tags": {"SS": ["t1", "t2"]},
        },
        ReturnValues="UPDATED_NEW",
    )
    assert normalized(updated_new["Attributes"]) == {
        "n": {"N": "1"},
        "l": {"L": [{"N": "1"}, {"N": "2"}]},
        "fresh": {"S": "new"},
        "cnt": {"N": "1"},
        "tags": {"SS": ["t1", "t2"]},
    }

    updated_old = client.update_item(
        TableName=table,
        Key=key,
        UpdateExpression="SET a = :b ADD cnt :five DELETE tags :t1",
        ExpressionAttributeValues={
            ":b": {"S": "y"},
            ":five": {"N": "5"},
            ":t1": {"SS": ["t1"]},
        },
        ReturnValues="UPDATED_OLD",
    )
    assert normalized(updated_old["Attributes"]) == {
        "a": {"S": "x"},
        "cnt": {"N": "1"},
        "tags": {"SS": ["t1", "t2"]},
    }

    all_new = client.update_item(
        TableName=table,
        Key=key,
        UpdateExpression="REMOVE l[0], fresh",
        ReturnValues="ALL_NEW",
    )
    assert normalized(all_new["Attributes"]) == {
        "pk": {"S": "upd"},
        "a": {"S": "y"},
        "n": {"N": "1"},
        "l": {"L": [{"N": "2"}]},
        "cnt": {"N": "6"},
        "tags": {"SS": ["t2"]},
    }

    none = client.update_item(
        TableName=table, Key=key, UpdateExpression="SET a = :c",
        ExpressionAttributeValues={":c": {"S": "z"}}, ReturnValues="NONE",
    )
    assert "Attributes" not in none


def test_update_item_condition_and_errors(client, make_table):
    table = make_table()
    key = {"pk": {"S": "upd-err"}}
    with pytest.raises(client.exceptions.ConditionalCheckFailedException) as e:
        client.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET v = :v",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeValues={":v": {"N": "1"}},
        )
    assert error_of(e) == ("ConditionalCheckFailedException", "The conditional request failed")
    assert "Item" not in client.get_item(TableName=table, Key=key)

    with pytest.raises(ClientError) as e:
        client.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET pk = :v",
            ExpressionAttributeValues={":v": {"S": "other"}},
        )
    assert error_of(e) == (
        "ValidationException",
        "One or more parameter values were invalid: Cannot update attribute pk. "
        "This attribute is part of the key",
    )

    with pytest.raises(ClientError) as e:
        client.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET v = :v",
            ExpressionAttributeValues={":v": {"N": "1"}, ":unused": {"N": "2"}},
        )
    assert error_of(e) == (
        "ValidationException",
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
    )

    with pytest.raises(ClientError) as e:
        client.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET v = :v",
            ConditionExpression="v = :nope",
            ExpressionAttributeValues={":v": {"N": "1"}},
        )
    assert error_of(e) == (
        "ValidationException",
        "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope",
    )

    client.put_item(TableName=table, Item={**key, "s": {"S": "text"}})
    with pytest.raises(ClientError) as e:
        client.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET s = s + :one",
            ExpressionAttributeValues={":one": {"N": "1"}},
        )
    assert error_of(e) == (
        "ValidationException",
        "An operand in the update expression has an incorrect data type",
    )


def test_item_validation_errors(client, make_table):
    table = make_table(range=("sk", "N"))
    cases = [
        (
            dict(Item={"pk": {"S": "a"}}),
            "One or more parameter values were invalid: Missing the key sk in the item",
        ),
        (
            dict(Item={"pk": {"N": "1"}, "sk": {"N": "1"}}),
            "One or more parameter values were invalid: Type mismatch for key pk expected: S "
            "actual: N",
        ),
        (
            dict(Item={"pk": {"S": ""}, "sk": {"N": "1"}}),
            "One or more parameter values are not valid. The AttributeValue for a key attribute "
            "cannot contain an empty string value. Key: pk",
        ),
        (
            dict(Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "ss": {"SS": []}}),
            "One or more parameter values were invalid: An string set  may not be empty",
        ),
        (
            dict(Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "null": {"NULL": False}}),
            "One or more parameter values were invalid: Null attribute value types must have "
            "the value of true",
        ),
        (
            dict(Item={"pk": {"S": "a"}, "sk": {"N": "not-a-number"}}),
            "The parameter cannot be converted to a numeric value: not-a-number",
        ),
    ]
    for kwargs, message in cases:
        with pytest.raises(ClientError) as e:
            client.put_item(TableName=table, **kwargs)
        code, got = error_of(e)
        assert code == "ValidationException", kwargs
        # Newer DynamoDB regions prefix item errors with "1 validation error detected: ".
        assert got.endswith(message), (kwargs, got)

    with pytest.raises(ClientError) as e:
        client.get_item(TableName=table, Key={"pk": {"S": "a"}})
    assert error_of(e) == (
        "ValidationException",
        "The provided key element does not match the schema",
    )
    with pytest.raises(ClientError) as e:
        client.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "x": {}})
    assert error_of(e) == (
        "ValidationException",
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
    )
    assert client.scan(TableName=table)["Count"] == 0


def test_item_too_large(client, make_table):
    table = make_table()
    with pytest.raises(ClientError) as e:
        client.put_item(
            TableName=table, Item={"pk": {"S": "big"}, "blob": {"B": b"\x00" * (400 * 1024)}}
        )
    code, message = error_of(e)
    assert code == "ValidationException"
    assert message.endswith("Item size has exceeded the maximum allowed size")


def test_missing_table_is_resource_not_found(client):
    for call in (
        lambda: client.put_item(TableName="no-such-table", Item={"pk": {"S": "a"}}),
        lambda: client.get_item(TableName="no-such-table", Key={"pk": {"S": "a"}}),
        lambda: client.delete_item(TableName="no-such-table", Key={"pk": {"S": "a"}}),
        lambda: client.update_item(TableName="no-such-table", Key={"pk": {"S": "a"}}),
        lambda: client.query(
            TableName="no-such-table",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "a"}},
        ),
        lambda: client.scan(TableName="no-such-table"),
    ):
        with pytest.raises(client.exceptions.ResourceNotFoundException) as e:
            call()
        assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found")


def test_return_consumed_capacity(client, make_table):
    table = make_table()
    put = client.put_item(
        TableName=table, Item={"pk": {"S": "cap"}, "v": {"S": "x" * 1500}},
        ReturnConsumedCapacity="TOTAL",
    )
    # Writes are billed per started KB, reads per started 4 KB, halved
    # when eventually consistent.
    assert put["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 2.0}
    got = client.get_item(
        TableName=table, Key={"pk": {"S": "cap"}}, ReturnConsumedCapacity="TOTAL"
    )
    assert got["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 0.5}
    strong = client.get_item(
        TableName=table, Key={"pk": {"S": "cap"}}, ConsistentRead=True,
        ReturnConsumedCapacity="TOTAL",
    )
    assert strong["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 1.0}
