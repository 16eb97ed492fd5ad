"""Writes two Sent referrals to a position, for the screenshot walk only (see shoot-employer.cjs).

Usage: python3 refer.py DB POSITION_ID
"""
import sqlite3
import sys
import uuid
from datetime import datetime, timezone

db, position = sys.argv[1], sys.argv[2]
now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
c = sqlite3.connect(db)
people = c.execute(
    "select Id from Persons where Status = 'Seeking' and Employed = 0 and LaborCapacity != 'None' order by Id limit 2"
).fetchall()
for i, (person,) in enumerate(people):
    c.execute("update Persons set Phone = ?, Status = 'Referred' where Id = ?", (f"1398000{1200 + i}", person))
    c.execute(
        "insert into Referrals (PersonId, PositionId, Status, Channel, ConsentRecorded, ConsentUtc, Note, CreatedBy, CreatedUtc, UpdatedUtc, Version)"
        " values (?, ?, 'Sent', 'Referral', 1, ?, null, 'counselor', ?, ?, ?)",
        (person, position, now, now, now, str(uuid.uuid4()).upper()),
    )
c.commit()
print("referred", [p for (p,) in people], "to", position)
