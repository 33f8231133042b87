"""Delivery reports: Twilio status callbacks update the outbox row of each SMS."""

from __future__ import annotations

import logging

from bot.channels.transports import TWILIO_UNREACHABLE, SendError
from storage import audit, citizens, outbox

logger = logging.getLogger(__name__)

FINAL_FAILURES = {"failed", "undelivered"}


async def record_sms_status(relais, sid: str, status: str, error_code: str | None) -> None:
    """Mark the message delivered or failed; a carrier opt-out (21610) opts the citizen out."""
    now = relais.clock()
    async with relais.db.transaction() as conn:
        rows = await conn.execute_fetchall(
            "SELECT id, address, citizen_id, request_id FROM outbox WHERE provider_message_id = ?",
            (sid,),
        )
        if not rows:
            logger.info("sms.status_unknown_sid", extra={"status": status})
            return
        row = rows[0]
        if status == "delivered":
            await conn.execute("UPDATE outbox SET status = 'delivered' WHERE id = ?", (row["id"],))
        elif status in FINAL_FAILURES:
            await outbox.mark_failed(conn, row["id"], f"twilio.{error_code or status}")
            await audit.log(
                conn, now, "system", "sms.undelivered", row["request_id"], error_code or status
            )
            opted_out = error_code == "21610"
            if opted_out and row["citizen_id"] is not None:
                # The carrier refused: texted STOP to the number. Nothing more goes out.
                await citizens.set_opted_out(conn, row["address"], now)
                await outbox.cancel_pending_for(conn, row["address"], "opted out at provider")
            # The worker who has the case sees that their message did not arrive, and why.
            error = SendError(
                f"twilio.{error_code or status}",
                permanent=True,
                opted_out=opted_out,
                unreachable=error_code in {str(c) for c in TWILIO_UNREACHABLE},
            )
            item = outbox.item_from_row(
                (await conn.execute_fetchall("SELECT * FROM outbox WHERE id = ?", (row["id"],)))[0]
            )
            await relais.desk.delivery_failed(conn, item, error, now)
    if status in FINAL_FAILURES:
        relais.engine.wake()
    logger.info("sms.status", extra={"outbox_id": row["id"], "status": status})
