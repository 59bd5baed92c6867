<#ftl output_format="plainText">
<#-- An Elevate notice. Control characters in the values are already shown as escapes such as \x1b. -->
${msg(notice.lead)}

${msg("elevateNoticeRequester")}: ${notice.requester}
${msg("elevateNoticeTarget")}: ${notice.target}
${msg("elevateNoticeTags")}: ${notice.tags}
${msg("elevateNoticeWindow")}: ${msg("elevateNoticeWindowFromTo", notice.startsAt, notice.endsAt)}
${msg("elevateNoticeJustification")}: ${notice.justification}
<#if notice.ticket??>${msg("elevateNoticeTicket")}: ${notice.ticket}
</#if><#if notice.comment??>${msg("elevateNoticeComment")}: ${notice.comment}
</#if><#if notice.reason??>${msg("elevateNoticeReason")}: ${notice.reason}
</#if>${msg("elevateNoticeId")}: ${notice.id}
<#if notice.portalUrl??>

${msg("elevateNoticeOpenPortal")}: ${notice.portalUrl}
</#if>
