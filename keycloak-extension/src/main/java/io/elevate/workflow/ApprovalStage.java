package io.elevate.workflow;

import java.util.List;

/**
 * One stage of a policy's approval: who approves in it and how many distinct people of them. Stages are met in order;
 * a policy without stages has one, made of its approver groups and quorum.
 *
 * @param number the stage's position, from 1
 */
public record ApprovalStage(int number, String name, List<String> approverGroups, int approvalsRequired) {

    public ApprovalStage {
        approverGroups = List.copyOf(approverGroups);
    }
}
