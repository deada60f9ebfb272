"""Requests botocore 1.29 cannot send, as signed raw JSON over HTTP: newer
members (ReturnValuesOnConditionCheckFailure on single-item writes),
unknown operations, malformed bodies and missing members; and the
response headers every DynamoDB response carries."""

import pytest

from conftest import unique_table_name

ERRORS = "com.amazonaws.dynamodb.v20120810#"


@pytest.fixture(scope="module")
def table(raw):
    name = unique_table_name("raw")
    status, _, body = raw.call(
        "CreateTable",
        {
            "TableName": name,
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "BillingMode": "PAY_PER_REQUEST",
        },
    )
    assert status == 200, body
    yield name
    raw.call("DeleteTable", {"TableName": name})


def test_response_headers(raw):
    status, headers, body = raw.call("ListTables", {})
    assert status == 200
    assert headers["content-type"].startswith("application/x-amz-json-1.0")
    assert headers["x-amzn-requestid"]
    assert "x-amz-crc32" in headers  # and RawClient checked its value
    assert isinstance(body["TableNames"], list)


def test_unknown_operation(raw):
    for operation in ["NoSuchOperation", "DescribeTableX", ""]:
        status, _, body = raw.call(operation, {})
        assert status == 400
        assert body == {"__type": "com.amazon.coral.service#UnknownOperationException"}


def test_body_that_is_not_json(raw):
    status, _, body = raw.call("ListTables", b"{not json")
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#SerializationException"


def test_missing_table_name(raw):
    status, _, body = raw.call("DescribeTable", {})
    assert status == 400
    assert body == {
        "__type": "com.amazon.coral.validate#ValidationException",
        "message": "1 validation error detected: Value null at 'tableName' failed to satisfy "
        "constraint: Member must not be null",
    }


def test_wrong_member_type_is_serialization_error(raw, table):
    status, _, body = raw.call("GetItem", {"TableName": table, "Key": {"pk": {"S": 5}}})
    assert status == 400
    assert body["__type"] == "com.amazon.coral.service#SerializationException"


@pytest.mark.parametrize("operation", ["PutItem", "UpdateItem", "DeleteItem"])
def test_return_values_on_condition_check_failure(raw, table, operation):
    stored = {"pk": {"S": f"rv-{operation}"}, "v": {"N": "1"}, "b": {"B": "AAE="}}
    assert raw.call("PutItem", {"TableName": table, "Item": stored})[0] == 200

    request = {
        "TableName": table,
        "ConditionExpression": "v = :two",
        "ExpressionAttributeValues": {":two": {"N": "2"}},
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
    }
    if operation == "PutItem":
        request["Item"] = {"pk": stored["pk"], "v": {"N": "3"}}
    else:
        request["Key"] = {"pk": stored["pk"]}
    if operation == "UpdateItem":
        request["UpdateExpression"] = "SET v = :two"

    status, _, body = raw.call(operation, request)
    assert status == 400
    assert body == {
        "__type": ERRORS + "ConditionalCheckFailedException",
        "message": "The conditional request failed",
        "Item": stored,
    }

    request["ReturnValuesOnConditionCheckFailure"] = "NONE"
    status, _, body = raw.call(operation, request)
    assert status == 400
    assert body == {
        "__type": ERRORS + "ConditionalCheckFailedException",
        "message": "The conditional request failed",
    }

    request["ReturnValuesOnConditionCheckFailure"] = "ALL_NEW"
    status, _, body = raw.call(operation, request)
    assert status == 400
    assert body == {
        "__type": "com.amazon.coral.validate#ValidationException",
        "message": "1 validation error detected: Value 'ALL_NEW' at "
        "'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must "
        "satisfy enum value set: [ALL_OLD, NONE]",
    }


def test_return_values_on_failure_for_a_missing_item(raw, table):
    # The condition failed against no item: there is nothing to return.
    status, _, body = raw.call(
        "DeleteItem",
        {
            "TableName": table,
            "Key": {"pk": {"S": "never-written"}},
            "ConditionExpression": "attribute_exists(pk)",
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        },
    )
    assert status == 400
    assert body == {
        "__type": ERRORS + "ConditionalCheckFailedException",
        "message": "The conditional request failed",
    }
