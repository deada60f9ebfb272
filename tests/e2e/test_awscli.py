"""The AWS CLI (Debian's awscli, aws-cli v2) against lmddb-server: table
life cycle, items, errors as the CLI prints them, and the CLI's automatic
paging (--page-size, --max-items, --starting-token).

Each call starts a CLI process (about a second), so the calls are few and
grouped. The CLI verifies every response's x-amz-crc32 (legacy retry mode
turns a mismatch into an error)."""

import base64
import json

import pytest

from conftest import unique_table_name

SERVICE_ERROR_EXIT = 254  # aws-cli v2: the service answered with an error


def error_line(code, operation, message):
    return f"An error occurred ({code}) when calling the {operation} operation: {message}"


@pytest.fixture(scope="module")
def table(aws, client):
    name = unique_table_name("cli")
    _, out, _ = aws.run(
        "create-table",
        "--table-name", name,
        "--attribute-definitions", "AttributeName=pk,AttributeType=S",
        "AttributeName=sk,AttributeType=N",
        "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
        "--billing-mode", "PAY_PER_REQUEST",
    )
    assert out["TableDescription"]["TableName"] == name
    assert out["TableDescription"]["KeySchema"][1] == {"AttributeName": "sk", "KeyType": "RANGE"}
    yield name
    client.delete_table(TableName=name)


def test_tables(aws, table):
    _, out, _ = aws.run("describe-table", "--table-name", table)
    assert out["Table"]["TableStatus"] == "ACTIVE"
    assert out["Table"]["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"

    _, out, _ = aws.run("list-tables")
    assert table in out["TableNames"]


def test_items_and_errors(aws, table):
    item = {
        "pk": {"S": "cli"},
        "sk": {"N": "1"},
        "b": {"B": base64.b64encode(b"\x00\x01\xfe\xff").decode()},
        "bs": {"BS": [base64.b64encode(b"\x01").decode()]},
        "ss": {"SS": ["a", "b"]},
        "ns": {"NS": ["1", "2.5"]},
        "m": {"M": {"l": {"L": [{"BOOL": True}, {"NULL": True}, {"N": "-3"}]}}},
    }
    aws.run(
        "put-item", "--table-name", table, "--item", json.dumps(item),
        "--condition-expression", "attribute_not_exists(pk)",
    )
    key = json.dumps({"pk": {"S": "cli"}, "sk": {"N": "1"}})
    _, out, _ = aws.run("get-item", "--table-name", table, "--key", key, "--consistent-read")
    got = out["Item"]
    assert got["b"] == item["b"]  # the CLI prints blobs in base64
    assert got["bs"] == item["bs"]
    assert sorted(got["ss"]["SS"]) == ["a", "b"]
    assert sorted(got["ns"]["NS"]) == ["1", "2.5"]
    assert got["m"] == item["m"]

    status, _, err = aws.run(
        "put-item", "--table-name", table, "--item", json.dumps(item),
        "--condition-expression", "attribute_not_exists(pk)", check=False,
    )
    assert status == SERVICE_ERROR_EXIT
    assert error_line(
        "ConditionalCheckFailedException", "PutItem", "The conditional request failed"
    ) in err

    _, out, _ = aws.run(
        "update-item", "--table-name", table, "--key", key,
        "--update-expression", "SET c = :one ADD ns :more REMOVE m",
        "--expression-attribute-values", json.dumps({":one": {"N": "1"}, ":more": {"NS": ["7"]}}),
        "--return-values", "UPDATED_NEW",
    )
    assert out["Attributes"]["c"] == {"N": "1"}
    assert sorted(out["Attributes"]["ns"]["NS"]) == ["1", "2.5", "7"]
    assert "m" not in out["Attributes"]

    status, _, err = aws.run(
        "get-item", "--table-name", table, "--key", json.dumps({"pk": {"S": "cli"}}), check=False
    )
    assert status == SERVICE_ERROR_EXIT
    assert error_line(
        "ValidationException", "GetItem", "The provided key element does not match the schema"
    ) in err

    _, out, _ = aws.run(
        "delete-item", "--table-name", table, "--key", key, "--return-values", "ALL_OLD"
    )
    assert out["Attributes"]["c"] == {"N": "1"}


def test_automatic_paging(aws, client, table):
    for sk in range(10):
        client.put_item(TableName=table, Item={"pk": {"S": "page"}, "sk": {"N": str(sk)}})
    query = [
        "query", "--table-name", table,
        "--key-condition-expression", "pk = :p",
        "--expression-attribute-values", json.dumps({":p": {"S": "page"}}),
    ]
    # --page-size 3: the CLI follows LastEvaluatedKey through four requests.
    _, out, _ = aws.run(*query, "--page-size", "3")
    assert [i["sk"]["N"] for i in out["Items"]] == [str(n) for n in range(10)]
    assert out["Count"] == 10
    assert "NextToken" not in out

    _, first, _ = aws.run(*query, "--page-size", "3", "--max-items", "4")
    assert [i["sk"]["N"] for i in first["Items"]] == ["0", "1", "2", "3"]
    token = first["NextToken"]
    _, rest, _ = aws.run(*query, "--page-size", "3", "--starting-token", token)
    assert [i["sk"]["N"] for i in rest["Items"]] == [str(n) for n in range(4, 10)]
    assert "NextToken" not in rest

    _, scanned, _ = aws.run(
        "scan", "--table-name", table, "--page-size", "4",
        "--filter-expression", "sk >= :five",
        "--expression-attribute-values", json.dumps({":five": {"N": "5"}}),
    )
    assert sorted(int(i["sk"]["N"]) for i in scanned["Items"]) == [5, 6, 7, 8, 9]
    assert scanned["Count"] == 5
    assert scanned["ScannedCount"] == 10


def test_batch_and_transactions(aws, client, table):
    requests = {
        table: [
            {"PutRequest": {"Item": {"pk": {"S": "batch"}, "sk": {"N": str(n)}}}}
            for n in range(3)
        ]
    }
    _, out, _ = aws.run("batch-write-item", "--request-items", json.dumps(requests))
    assert out["UnprocessedItems"] == {}

    keys = [{"pk": {"S": "batch"}, "sk": {"N": str(n)}} for n in (0, 2)]
    _, out, _ = aws.run(
        "batch-get-item", "--request-items", json.dumps({table: {"Keys": keys}})
    )
    assert sorted(i["sk"]["N"] for i in out["Responses"][table]) == ["0", "2"]

    items = [
        {"Put": {"TableName": table, "Item": {"pk": {"S": "tx"}, "sk": {"N": "1"}}}},
        {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "batch"}, "sk": {"N": "0"}},
                            "ConditionExpression": "attribute_not_exists(pk)"}},
    ]
    status, _, err = aws.run(
        "transact-write-items", "--transact-items", json.dumps(items), check=False
    )
    assert status == SERVICE_ERROR_EXIT
    assert error_line(
        "TransactionCanceledException",
        "TransactWriteItems",
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, ConditionalCheckFailed]",
    ) in err
    assert "Item" not in client.get_item(
        TableName=table, Key={"pk": {"S": "tx"}, "sk": {"N": "1"}}
    )


def test_delete_table(aws):
    name = unique_table_name("cli-delete")
    aws.run(
        "create-table", "--table-name", name,
        "--attribute-definitions", "AttributeName=id,AttributeType=B",
        "--key-schema", "AttributeName=id,KeyType=HASH",
        "--billing-mode", "PAY_PER_REQUEST",
    )
    _, out, _ = aws.run("delete-table", "--table-name", name)
    assert out["TableDescription"]["TableName"] == name
    status, _, err = aws.run("describe-table", "--table-name", name, check=False)
    assert status == SERVICE_ERROR_EXIT
    assert error_line(
        "ResourceNotFoundException",
        "DescribeTable",
        f"Requested resource not found: Table: {name} not found",
    ) in err
