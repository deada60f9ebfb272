"""DynamoDB's legacy (pre-expression) request parameters through boto3:
Expected, AttributesToGet, AttributeUpdates, KeyConditions, QueryFilter,
ScanFilter and ConditionalOperator."""

import pytest
from botocore.exceptions import ClientError

from conftest import error_of


@pytest.fixture
def table(client, make_table):
    name = make_table(range=("sk", "N"))
    for sk in range(6):
        client.put_item(
            TableName=name,
            Item={"pk": {"S": "p"}, "sk": {"N": str(sk)}, "v": {"N": str(sk * 10)},
                  "s": {"S": f"s{sk}"}},
        )
    return name


def test_expected(client, table):
    key = {"pk": {"S": "e"}, "sk": {"N": "0"}}
    client.put_item(TableName=table, Item={**key, "v": {"N": "1"}},
                    Expected={"v": {"Exists": False}})
    with pytest.raises(client.exceptions.ConditionalCheckFailedException) as e:
        client.put_item(TableName=table, Item={**key, "v": {"N": "2"}},
                        Expected={"v": {"Exists": False}})
    assert error_of(e) == ("ConditionalCheckFailedException", "The conditional request failed")

    client.put_item(TableName=table, Item={**key, "v": {"N": "2"}},
                    Expected={"v": {"Value": {"N": "1"}}})
    client.delete_item(
        TableName=table,
        Key=key,
        Expected={"v": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "1"}]},
                  "w": {"ComparisonOperator": "NULL"}},
        ConditionalOperator="AND",
    )
    assert "Item" not in client.get_item(TableName=table, Key=key)

    with pytest.raises(ClientError) as e:
        client.put_item(TableName=table, Item=key, Expected={"v": {"Exists": False}},
                        ConditionExpression="attribute_not_exists(v)")
    assert error_of(e) == (
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
    )


def test_attributes_to_get(client, table):
    got = client.get_item(TableName=table, Key={"pk": {"S": "p"}, "sk": {"N": "1"}},
                          AttributesToGet=["v", "missing"])
    assert got["Item"] == {"v": {"N": "10"}}


def test_attribute_updates(client, table):
    key = {"pk": {"S": "p"}, "sk": {"N": "2"}}
    updated = client.update_item(
        TableName=table,
        Key=key,
        AttributeUpdates={
            "v": {"Action": "ADD", "Value": {"N": "5"}},
            "s": {"Action": "DELETE"},
            "t": {"Action": "PUT", "Value": {"SS": ["a"]}},
        },
        ReturnValues="ALL_NEW",
    )
    assert updated["Attributes"] == {**key, "v": {"N": "25"}, "t": {"SS": ["a"]}}


def test_key_conditions_and_query_filter(client, table):
    result = client.query(
        TableName=table,
        KeyConditions={
            "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]},
            "sk": {"ComparisonOperator": "BETWEEN",
                   "AttributeValueList": [{"N": "1"}, {"N": "4"}]},
        },
        QueryFilter={"v": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "20"}]}},
    )
    assert [i["sk"]["N"] for i in result["Items"]] == ["2", "3", "4"]
    assert result["ScannedCount"] == 4


def test_scan_filter(client, table):
    result = client.scan(
        TableName=table,
        ScanFilter={
            "v": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "10"}]},
            "s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "s5"}]},
        },
        ConditionalOperator="OR",
        AttributesToGet=["sk"],
    )
    assert sorted(i["sk"]["N"] for i in result["Items"]) == ["0", "5"]
    assert all(set(i) == {"sk"} for i in result["Items"])
