import { type ExerciseAnswers as Answers, type ExerciseTemplate, isAnswered } from "@lantern/domain";
import { List, Stack, Table, Text, Title } from "@mantine/core";

/** A filled exercise, read-only: each section's prompts with what was written. */
export function ExerciseAnswers({
  template,
  answers,
  level,
}: {
  template: ExerciseTemplate;
  answers: Answers;
  level: 3 | 4;
}) {
  return (
    <Stack gap="sm">
      {template.sections.map((section) => (
        <Stack key={section.id} gap={4}>
          <Title order={level} size="h5">
            {section.title}
          </Title>
          {section.prompts.map((prompt) => {
            const answer = answers[prompt.id];
            return (
              <Stack key={prompt.id} gap={2}>
                <Text size="sm" fw={600}>
                  {prompt.label}
                </Text>
                {!isAnswered(answer) ? (
                  <Text size="sm" c="dimmed">
                    Not answered.
                  </Text>
                ) : typeof answer === "string" ? (
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {answer}
                  </Text>
                ) : Array.isArray(answer) ? (
                  <List size="sm">
                    {answer
                      .filter((item) => item.trim() !== "")
                      .map((item, index) => (
                        <List.Item key={index}>{item}</List.Item>
                      ))}
                  </List>
                ) : (
                  <Table.ScrollContainer minWidth={420}>
                    <Table withTableBorder fz="sm">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Area</Table.Th>
                          {prompt.columns?.map((column) => (
                            <Table.Th scope="col" key={column.id}>
                              {column.label}
                            </Table.Th>
                          ))}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {prompt.rows
                          ?.filter((row) => isAnswered({ [row.id]: answer?.[row.id] ?? {} }))
                          .map((row) => (
                            <Table.Tr key={row.id}>
                              <Table.Th scope="row">{row.label}</Table.Th>
                              {prompt.columns?.map((column) => (
                                <Table.Td key={column.id}>{answer?.[row.id]?.[column.id] ?? ""}</Table.Td>
                              ))}
                            </Table.Tr>
                          ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Stack>
            );
          })}
        </Stack>
      ))}
    </Stack>
  );
}
