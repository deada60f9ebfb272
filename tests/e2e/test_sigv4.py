"""lmddb-server --verify-sigv4: requests signed by botocore with a known key
are served; a wrong secret, an unknown key or no signature are refused with
DynamoDB's errors."""

import pytest
from botocore.exceptions import ClientError

from conftest import ACCESS_KEY, SECRET_KEY, RawClient, error_of, make_client, run_server

OTHER_KEY = "AKIDLMDDBE2EOTHERKEY"
OTHER_SECRET = "another-dummy-secret"


@pytest.fixture(scope="module")
def verifying_server(server_binary, tmp_path_factory):
    yield from run_server(
        server_binary,
        tmp_path_factory,
        ["--verify-sigv4", "--access-key", f"{ACCESS_KEY}:{SECRET_KEY}",
         "--access-key", f"{OTHER_KEY}:{OTHER_SECRET}"],
    )


def test_signed_requests_are_served(verifying_server):
    for key, secret in [(ACCESS_KEY, SECRET_KEY), (OTHER_KEY, OTHER_SECRET)]:
        client = make_client(verifying_server.endpoint, key, secret)
        assert client.list_tables()["TableNames"] == []
        # A body with non-ASCII text and binary is signed over its bytes.
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.put_item(
                TableName="no-such-table", Item={"pk": {"S": "\u2603"}, "b": {"B": b"\xff"}}
            )


def test_wrong_secret(verifying_server):
    client = make_client(verifying_server.endpoint, ACCESS_KEY, "not-the-secret")
    with pytest.raises(ClientError) as e:
        client.list_tables()
    code, message = error_of(e)
    assert code == "InvalidSignatureException"
    assert message.startswith(
        "The request signature we calculated does not match the signature you provided."
    )


def test_unknown_access_key(verifying_server):
    client = make_client(verifying_server.endpoint, "AKIDUNKNOWNUNKNOWN00", SECRET_KEY)
    with pytest.raises(ClientError) as e:
        client.list_tables()
    assert error_of(e) == (
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )


def test_unsigned_request(verifying_server):
    status, _, body = RawClient(verifying_server.port).call("ListTables", {}, sign=False)
    assert status == 400
    assert body == {
        "__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
        "message": "Request is missing Authentication Token",
    }
