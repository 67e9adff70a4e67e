"""A PostgreSQL server of the load test's own, on a loopback port, that the
fault phase can stop and start."""

import glob
import os
import shutil
import socket
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from psycopg import connect as postgres_connect
from psycopg import sql


class LocalPostgres:
    """A PostgreSQL server of the load test's own, run from its data directory
    with pg_ctl. PostgreSQL refuses to run as root: as root, its programs run
    as the postgres user."""

    def __init__(self, data: Path, port: int):
        self.data = data
        self.port = port
        self.bin = self.find_programs()

    @staticmethod
    def find_programs() -> Path:
        if found := shutil.which("pg_ctl"):
            return Path(found).parent
        # Debian keeps them out of PATH, one folder per major version.
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda path: int(Path(path).parts[-3]))
        if not found:
            raise CommandError(
                "PostgreSQL's server programs (initdb, pg_ctl) were not found: apt-get install postgresql."
            )
        return Path(found[-1]).parent

    def run(self, program: str, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / program), *arguments]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True)
        if check and result.returncode:
            raise CommandError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")
        return result

    @property
    def running(self) -> bool:
        return (self.data / "PG_VERSION").exists() and self.run(
            "pg_ctl", "-D", str(self.data), "status", check=False
        ).returncode == 0

    @property
    def listening_port(self) -> int:
        # The fourth line of postmaster.pid, while the server runs.
        return int((self.data / "postmaster.pid").read_text().splitlines()[3])

    def initialise(self) -> None:
        self.data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
        self.data.chmod(0o700)
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")

    def start(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            self.initialise()
        # Only TCP on loopback: no socket file next to the machine's own server's.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        log = str(self.data / "server.log")
        self.run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        # Fast: open connections are cut, as in a crash or a failover.
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def create_database(self, name: str) -> None:
        with postgres_connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as db:
            if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def port_taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
