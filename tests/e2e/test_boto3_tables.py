"""CreateTable, DescribeTable, ListTables and DeleteTable through boto3."""

import pytest
from botocore.exceptions import ClientError

from conftest import error_of, unique_table_name


def create(client, name, hash=("pk", "S"), range=None):
    definitions = [{"AttributeName": hash[0], "AttributeType": hash[1]}]
    schema = [{"AttributeName": hash[0], "KeyType": "HASH"}]
    if range:
        definitions.append({"AttributeName": range[0], "AttributeType": range[1]})
        schema.append({"AttributeName": range[0], "KeyType": "RANGE"})
    return client.create_table(
        TableName=name,
        AttributeDefinitions=definitions,
        KeySchema=schema,
        BillingMode="PAY_PER_REQUEST",
    )


def test_create_describe_list_delete(client):
    name = unique_table_name("tables")
    created = create(client, name, ("pk", "S"), ("sk", "N"))["TableDescription"]
    assert created["TableName"] == name
    assert created["TableStatus"] in ("CREATING", "ACTIVE")
    assert created["KeySchema"] == [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ]
    assert sorted(created["AttributeDefinitions"], key=lambda d: d["AttributeName"]) == [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
    ]
    assert created["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert created["TableArn"].endswith(":table/" + name)

    # The waiter's first DescribeTable must already see ACTIVE on a local
    # database; its poll interval would otherwise be 20 s.
    client.get_waiter("table_exists").wait(
        TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 10}
    )
    table = client.describe_table(TableName=name)["Table"]
    assert table["TableStatus"] == "ACTIVE"
    assert table["ItemCount"] == 0
    assert table["TableSizeBytes"] == 0
    assert table["TableName"] == name

    assert name in client.list_tables()["TableNames"]

    deleted = client.delete_table(TableName=name)["TableDescription"]
    assert deleted["TableName"] == name
    with pytest.raises(client.exceptions.ResourceNotFoundException) as e:
        client.describe_table(TableName=name)
    assert error_of(e) == (
        "ResourceNotFoundException",
        f"Requested resource not found: Table: {name} not found",
    )
    assert name not in client.list_tables()["TableNames"]


def test_create_existing_table_is_resource_in_use(client, make_table):
    name = make_table()
    with pytest.raises(client.exceptions.ResourceInUseException) as e:
        create(client, name)
    assert error_of(e) == ("ResourceInUseException", f"Table already exists: {name}")


def test_delete_missing_table(client):
    name = unique_table_name("missing")
    with pytest.raises(client.exceptions.ResourceNotFoundException) as e:
        client.delete_table(TableName=name)
    assert error_of(e)[0] == "ResourceNotFoundException"
    assert error_of(e)[1].startswith("Requested resource not found")


def test_list_tables_pages(client, make_table):
    names = sorted(make_table(prefix="list") for _ in range(5))
    # ListTables returns names in order; walk them two at a time.
    seen = []
    start = None
    while True:
        kwargs = {"Limit": 2}
        if start:
            kwargs["ExclusiveStartTableName"] = start
        page = client.list_tables(**kwargs)
        assert len(page["TableNames"]) <= 2
        seen += page["TableNames"]
        start = page.get("LastEvaluatedTableName")
        if not start:
            break
    assert seen == sorted(seen)
    assert [n for n in seen if n in names] == names

    paginated = []
    for page in client.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 3}):
        paginated += page["TableNames"]
    assert paginated == seen


def test_create_table_validation(client):
    name = unique_table_name("bad")
    with pytest.raises(ClientError) as e:
        client.create_table(
            TableName=name,
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "other", "KeyType": "HASH"}],
            BillingMode="PAY_PER_REQUEST",
        )
    code, message = error_of(e)
    assert code == "ValidationException"
    assert "Some index key attribute" in message
    assert name not in client.list_tables()["TableNames"]


def test_table_name_constraint(client):
    # botocore checks the length and nothing else; the pattern is the server's.
    with pytest.raises(ClientError) as e:
        client.describe_table(TableName="bad name!")
    assert error_of(e) == (
        "ValidationException",
        "1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    )
