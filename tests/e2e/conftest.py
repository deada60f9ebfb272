"""Fixtures for the end-to-end tests: one lmddb-server per test session,
driven by Debian's boto3 / botocore, the AWS CLI and raw signed JSON.

The server binary comes from --lmddb-server=PATH or $LMDDB_SERVER; nothing
is built here. The server listens on a free port (--port 0) with its data in
a temporary directory and is stopped with SIGTERM at the end of the session,
which must exit with status 0.

The user's AWS configuration never reaches a client: every AWS_* variable
is replaced before boto3 or the CLI can read it.
"""

import ctypes
import http.client
import itertools
import json
import os
import re
import select
import signal
import subprocess
import time
import zlib

import pytest

# Exit status ctest reads as "skipped" (SKIP_RETURN_CODE in CMakeLists.txt).
SKIP_EXIT_STATUS = 77

REGION = "us-east-1"
ACCESS_KEY = "AKIDLMDDBE2ETESTKEY0"
SECRET_KEY = "lmddb-e2e-dummy-secret-access-key"
AWS_CLI = "/usr/bin/aws"

for _name in [n for n in os.environ if n.startswith("AWS_")]:
    del os.environ[_name]
os.environ.update(
    {
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
)


def pytest_addoption(parser):
    parser.addoption(
        "--lmddb-server",
        default=None,
        help="path of the lmddb-server binary (default: $LMDDB_SERVER)",
    )


def pytest_configure(config):
    try:
        import boto3  # noqa: F401
        import botocore  # noqa: F401
    except ImportError as e:
        pytest.exit(f"boto3 is not installed for this Python ({e})", returncode=SKIP_EXIT_STATUS)


def _stop_with_parent():
    """In the child: SIGTERM when pytest dies (say, killed by a ctest timeout)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Server:
    """A running lmddb-server child process."""

    def __init__(self, binary, data_dir, log_path, extra_args=()):
        self.log_path = log_path
        self._log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [binary, "--data", str(data_dir), "--port", "0", "--nosync", "--threads", "4",
             *extra_args],
            stdout=subprocess.PIPE,
            stderr=self._log,
            preexec_fn=_stop_with_parent,
        )
        self.port = self._read_port(timeout=60)
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def _read_port(self, timeout):
        prefix = b"lmddb-server listening on "
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else b""
        if not line.startswith(prefix):
            self.process.kill()
            self.process.wait()
            raise RuntimeError(f"lmddb-server did not start: {line!r}; stderr: {self.stderr()}")
        address = line[len(prefix):].decode().strip()
        return int(address.rsplit(":", 1)[1])

    def stderr(self):
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self):
        """SIGTERM, then the exit status (0 when the server stops cleanly)."""
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            status = "killed after 60 s"
        self.process.stdout.close()
        self._log.close()
        return status


@pytest.fixture(scope="session")
def server_binary(request):
    binary = request.config.getoption("--lmddb-server") or os.environ.get("LMDDB_SERVER")
    if not binary:
        pytest.fail("pass --lmddb-server=PATH or set LMDDB_SERVER to the lmddb-server binary")
    if not os.access(binary, os.X_OK):
        pytest.fail(f"lmddb-server binary not executable: {binary}")
    return binary


def run_server(binary, tmp_path_factory, extra_args=()):
    """Starts a server, yields it, then stops it and checks it exited with 0."""
    work = tmp_path_factory.mktemp("lmddb-server")
    s = Server(binary, work / "data", work / "server.log", extra_args)
    yield s
    status = s.stop()
    log = s.stderr()
    assert status == 0, f"lmddb-server exit status {status}; stderr:\n{log}"
    assert "Sanitizer" not in log and "runtime error" not in log, log


@pytest.fixture(scope="session")
def server(server_binary, tmp_path_factory):
    yield from run_server(server_binary, tmp_path_factory)


@pytest.fixture(scope="session")
def endpoint(server):
    return server.endpoint


def _check_crc32(http_response, **kwargs):
    """Every DynamoDB response carries x-amz-crc32 of its body."""
    header = http_response.headers.get("x-amz-crc32")
    assert header is not None, "response without x-amz-crc32"
    assert int(header) == zlib.crc32(http_response.content), "x-amz-crc32 does not match"


def make_client(endpoint, access_key=ACCESS_KEY, secret_key=SECRET_KEY):
    """A boto3 DynamoDB client that checks every response's x-amz-crc32."""
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(
        aws_access_key_id=access_key, aws_secret_access_key=secret_key, region_name=REGION
    )
    # Legacy retries raise ChecksumError on a bad x-amz-crc32; one attempt
    # only, so every error reaches the test as the server sent it.
    config = Config(
        retries={"mode": "legacy", "max_attempts": 0}, connect_timeout=10, read_timeout=60
    )
    c = session.client("dynamodb", endpoint_url=endpoint, config=config)
    c.meta.events.register("after-call.dynamodb", _check_crc32)
    return c


@pytest.fixture(scope="session")
def client(endpoint):
    return make_client(endpoint)


@pytest.fixture(scope="session")
def resource(endpoint):
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY, region_name=REGION
    )
    config = Config(retries={"mode": "legacy", "max_attempts": 0})
    return session.resource("dynamodb", endpoint_url=endpoint, config=config)


def error_of(excinfo):
    """(code, message) of a botocore ClientError caught by pytest.raises."""
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"]["Message"]


_table_numbers = itertools.count(1)


def unique_table_name(prefix):
    return f"{prefix}-{os.getpid()}-{next(_table_numbers)}"


@pytest.fixture
def make_table(client):
    """make_table(hash=("pk", "S"), range=None) -> a new empty table name.
    The table is deleted when the test ends."""
    created = []

    def make(hash=("pk", "S"), range=None, prefix="e2e"):
        name = unique_table_name(prefix)
        definitions = [{"AttributeName": hash[0], "AttributeType": hash[1]}]
        schema = [{"AttributeName": hash[0], "KeyType": "HASH"}]
        if range:
            definitions.append({"AttributeName": range[0], "AttributeType": range[1]})
            schema.append({"AttributeName": range[0], "KeyType": "RANGE"})
        client.create_table(
            TableName=name,
            AttributeDefinitions=definitions,
            KeySchema=schema,
            BillingMode="PAY_PER_REQUEST",
        )
        _wait_active(client, name)
        created.append(name)
        return name

    yield make
    for name in created:
        try:
            client.delete_table(TableName=name)
        except client.exceptions.ResourceNotFoundException:
            pass


def _wait_active(client, name, timeout=30):
    deadline = time.monotonic() + timeout
    while client.describe_table(TableName=name)["Table"]["TableStatus"] != "ACTIVE":
        assert time.monotonic() < deadline, f"table {name} not ACTIVE after {timeout} s"
        time.sleep(0.05)


class RawClient:
    """Sends DynamoDB JSON requests that botocore's models do not know,
    signed with SigV4 like any SDK request."""

    def __init__(self, port, access_key=ACCESS_KEY, secret_key=SECRET_KEY):
        self.port = port
        self.credentials = (access_key, secret_key)

    def call(self, operation, body, target_prefix="DynamoDB_20120810.", sign=True):
        """Returns (HTTP status, headers dict with lower-case names, parsed JSON body)."""
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        url = f"http://127.0.0.1:{self.port}/"
        request = AWSRequest(
            method="POST",
            url=url,
            data=data,
            headers={
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": target_prefix + operation,
            },
        )
        if sign:
            SigV4Auth(Credentials(*self.credentials), "dynamodb", REGION).add_auth(request)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("POST", "/", body=data, headers=dict(request.headers.items()))
            response = connection.getresponse()
            raw = response.read()
            headers = {k.lower(): v for k, v in response.getheaders()}
        finally:
            connection.close()
        assert int(headers["x-amz-crc32"]) == zlib.crc32(raw)
        return response.status, headers, json.loads(raw) if raw else None


@pytest.fixture(scope="session")
def raw(server):
    return RawClient(server.port)


# A line of the CLI's --debug log: "2024-01-01 12:00:00,123 - Thread - logger - LEVEL - ...".
_DEBUG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ - ")


class AwsCli:
    """Runs /usr/bin/aws dynamodb against the server with a private,
    empty configuration."""

    def __init__(self, endpoint, home):
        self.endpoint = endpoint
        config = home / "config"
        credentials = home / "credentials"
        config.write_text(f"[default]\nregion = {REGION}\n")
        credentials.write_text("")
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "AWS_CONFIG_FILE": str(config),
            "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_PAGER": "",
            "AWS_CLI_AUTO_PROMPT": "off",
            "AWS_EC2_METADATA_DISABLED": "true",
            # The CLI's standard retry mode retries a response whose
            # x-amz-crc32 does not match and logs it (see run()); two
            # attempts so that check runs at all.
            "AWS_RETRY_MODE": "standard",
            "AWS_MAX_ATTEMPTS": "2",
        }

    def run(self, *args, check=True):
        """aws dynamodb ARGS... -> (exit status, parsed stdout or None, the
        CLI's error output without its debug log)."""
        command = [
            AWS_CLI,
            "dynamodb",
            *args,
            "--endpoint-url",
            self.endpoint,
            "--region",
            REGION,
            "--output",
            "json",
            "--debug",
        ]
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=120)
        # --debug logs every response's headers and any checksum mismatch,
        # which the CLI would otherwise only retry.
        log = done.stderr
        assert "x-amz-crc32" in log, f"{command}: no x-amz-crc32 in a response"
        assert "checksum does not match" not in log, f"{command}: bad x-amz-crc32"
        errors = "\n".join(l for l in log.splitlines() if not _DEBUG_LINE.match(l))
        out = json.loads(done.stdout) if done.stdout.strip() else None
        if check:
            assert done.returncode == 0, f"{command} -> {done.returncode}: {errors}"
        return done.returncode, out, errors


@pytest.fixture(scope="session")
def aws(endpoint, tmp_path_factory):
    if not os.access(AWS_CLI, os.X_OK):
        pytest.fail(f"{AWS_CLI} not installed (Debian package awscli)")
    return AwsCli(endpoint, tmp_path_factory.mktemp("aws-home"))
