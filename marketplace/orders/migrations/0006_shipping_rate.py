import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('orders', '0005_order_status_returned'),
    ]

    operations = [
        migrations.CreateModel(
            name='ShippingRate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('zone', models.CharField(choices=[('inner', 'Nội tỉnh'), ('region', 'Nội miền'), ('far', 'Liên miền')], max_length=10, verbose_name='vùng giao')),
                ('up_to_grams', models.PositiveIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100000)], verbose_name='đến khối lượng (g)')),
                ('fee', models.PositiveIntegerField(validators=[django.core.validators.MaxValueValidator(5000000)], verbose_name='phí giao (₫)')),
                ('extra_fee_per_step', models.PositiveIntegerField(default=0, help_text='Chỉ dùng ở mức nặng nhất của vùng: cộng cho mỗi 500 g vượt quá mức đó.', validators=[django.core.validators.MaxValueValidator(5000000)], verbose_name='thêm mỗi 500 g vượt mức (₫)')),
            ],
            options={
                'verbose_name': 'mức phí giao hàng',
                'verbose_name_plural': 'bảng phí giao hàng',
                'ordering': ['zone', 'up_to_grams'],
                'constraints': [models.UniqueConstraint(fields=('zone', 'up_to_grams'), name='shipping_rate_zone_weight_unique', violation_error_message='Vùng giao này đã có một mức đến khối lượng này.'), models.CheckConstraint(condition=models.Q(('up_to_grams__gt', 0)), name='shipping_rate_weight_positive')],
            },
        ),
    ]
