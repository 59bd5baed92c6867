<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("elevateDeniedTitle")}
    <#elseif section = "form">
        <div id="elevate-denied" class="elevate-denied" role="alert">
            <p id="elevate-denied-message" class="elevate-lead">${msg(elevateMessage)}</p>
            <#if elevateDetails?has_content>
                <ul id="elevate-denied-details" class="elevate-details">
                    <#list elevateDetails as detail>
                        <li>${detail}</li>
                    </#list>
                </ul>
            </#if>
            <h2 class="elevate-next-title">${msg("elevateNextTitle")}</h2>
            <p id="elevate-next" class="elevate-next">${msg(elevateMessage + "Next")}</p>
        </div>
    </#if>
</@layout.registrationLayout>
