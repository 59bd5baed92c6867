<#import "template.ftl" as layout>
<#-- An Elevate notice. Every value is text someone typed or the server wrote; FreeMarker escapes it. -->
<@layout.emailLayout>
<p>${msg(notice.lead)}</p>
<table>
<tr><th align="left">${msg("elevateNoticeRequester")}</th><td>${notice.requester}</td></tr>
<tr><th align="left">${msg("elevateNoticeTarget")}</th><td>${notice.target}</td></tr>
<tr><th align="left">${msg("elevateNoticeTags")}</th><td>${notice.tags}</td></tr>
<tr><th align="left">${msg("elevateNoticeWindow")}</th><td>${msg("elevateNoticeWindowFromTo", notice.startsAt, notice.endsAt)}</td></tr>
<tr><th align="left">${msg("elevateNoticeJustification")}</th><td>${notice.justification}</td></tr>
<#if notice.ticket??><tr><th align="left">${msg("elevateNoticeTicket")}</th><td>${notice.ticket}</td></tr></#if>
<#if notice.comment??><tr><th align="left">${msg("elevateNoticeComment")}</th><td>${notice.comment}</td></tr></#if>
<#if notice.reason??><tr><th align="left">${msg("elevateNoticeReason")}</th><td>${notice.reason}</td></tr></#if>
<tr><th align="left">${msg("elevateNoticeId")}</th><td>${notice.id}</td></tr>
</table>
<#if notice.portalUrl??><p><a href="${notice.portalUrl}">${msg("elevateNoticeOpenPortal")}</a></p></#if>
</@layout.emailLayout>
