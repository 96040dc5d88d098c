"""The words and stems of each language's live, public pages, for "did you mean" and for
estimating the number of results; on PostgreSQL, a trigram index (pg_trgm, migration 0005)
on the words without accents, which finds the words closest to a mistyped one without
reading them all."""

from django.db import migrations, models

TRIGRAM_INDEX = "carnet_search_word_trigrams"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("carnet_search", "SearchWord")._meta.db_table
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON {table} "
            "USING gin (plain gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('carnet_search', '0008_rum_index_and_trigrams'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchStem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=8, verbose_name='language')),
                ('lexeme', models.CharField(blank=True, max_length=100, verbose_name='stem')),
                ('documents', models.PositiveIntegerField(help_text='How many pages use it.', verbose_name='pages')),
            ],
            options={
                'verbose_name': 'search stem',
                'verbose_name_plural': 'search stems',
                'constraints': [models.UniqueConstraint(fields=('language', 'lexeme'), name='unique_search_stem')],
            },
        ),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=8, verbose_name='language')),
                ('word', models.CharField(max_length=100, verbose_name='word')),
                ('plain', models.CharField(help_text='Compared with the query.', max_length=100, verbose_name='word without accents')),
                ('documents', models.PositiveIntegerField(help_text='How many pages use it.', verbose_name='pages')),
            ],
            options={
                'verbose_name': 'search word',
                'verbose_name_plural': 'search words',
                'constraints': [models.UniqueConstraint(fields=('language', 'word'), name='unique_search_word')],
            },
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
